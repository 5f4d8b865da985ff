"""Fixtures: every path in a temporary folder, databases on SQLite and (when it answers) PostgreSQL."""

from __future__ import annotations

import os
import shutil
import uuid
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# The suite runs on a busy two-core machine: hypothesis judges correctness, not speed, so no
# example deadline and no "too slow" health check (it failed generated-number tests under load).
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile("busy-machine", deadline=None,
                          suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("busy-machine")
ROOT = Path(__file__).resolve().parent.parent
PG_ADMIN_URL = os.environ.get(
    "DANGJIAN_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)


@pytest.fixture(autouse=True)
def _private_home(tmp_path_factory, monkeypatch):
    """No test reads or writes the real user's folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("DANGJIAN_HOME", str(home))
    monkeypatch.delenv("DANGJIAN_DB", raising=False)
    monkeypatch.delenv("DANGJIAN_PASSWORD", raising=False)
    monkeypatch.setenv("LANG", "zh_CN.UTF-8")
    yield home


# ---------------------------------------------------------------- PostgreSQL


def _pg_admin_engine():
    from sqlalchemy import create_engine

    return create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT", connect_args={"connect_timeout": 3})


_pg_reason: list[str | None] = []


def pg_unavailable() -> str | None:
    """Why PostgreSQL tests cannot run here, or None when a server answers."""
    if not _pg_reason:
        try:
            import psycopg  # noqa: F401
        except ImportError:
            _pg_reason.append("psycopg is not installed (pip install .[postgres])")
            return _pg_reason[0]
        try:
            engine = _pg_admin_engine()
            with engine.connect():
                pass
            engine.dispose()
            _pg_reason.append(None)
        except Exception as exc:  # no server, refused, bad credentials
            _pg_reason.append(f"no PostgreSQL server answers at {PG_ADMIN_URL}: {type(exc).__name__}")
    return _pg_reason[0]


def pg_create_database(template: str | None = None) -> str:
    from sqlalchemy import text

    name = f"dj_test_{uuid.uuid4().hex[:12]}"
    engine = _pg_admin_engine()
    with engine.connect() as conn:
        suffix = f" TEMPLATE {template}" if template else ""
        conn.execute(text(f"CREATE DATABASE {name}{suffix}"))
    engine.dispose()
    return name


def pg_drop_database(name: str, roles: bool = True) -> None:
    """Drop a test database and the roles named after it (the group roles its
    migrations made, docs/server-rights.md: role names are cluster-wide)."""
    from sqlalchemy import text

    engine = _pg_admin_engine()
    with engine.connect() as conn:
        conn.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        if roles:
            for role in conn.execute(text("SELECT rolname FROM pg_roles WHERE rolname LIKE :p"),
                                     {"p": f"{name}\\_%"}).scalars().all():
                conn.execute(text(f'DROP ROLE IF EXISTS "{role}"'))
    engine.dispose()


def pg_url(name: str) -> str:
    return PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name


@pytest.fixture(scope="session")
def pg_template():
    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    from models.db import open_database

    name = pg_create_database()
    db = open_database(pg_url(name))
    db.dispose()
    yield name
    pg_drop_database(name)


@pytest.fixture
def pg_db(pg_template):
    from models.db import open_database

    name = pg_create_database(template=pg_template)
    db = open_database(pg_url(name))
    yield db
    db.dispose()
    pg_drop_database(name)


# ---------------------------------------------------------------- SQLite


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory) -> Path:
    from models.db import open_database

    path = tmp_path_factory.mktemp("template") / "template.sqlite3"
    db = open_database(path)
    with db.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    db.dispose()
    return path


@pytest.fixture
def sqlite_path(sqlite_template, tmp_path) -> Path:
    """A migrated, empty SQLite file of this test's own."""
    path = tmp_path / "dangjian.sqlite3"
    shutil.copyfile(sqlite_template, path)
    return path


@pytest.fixture
def sqlite_db(sqlite_path):
    from models.db import open_database

    db = open_database(sqlite_path)
    yield db
    db.dispose()


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request):
    """The service suite runs on both engines."""
    return request.getfixturevalue("sqlite_db" if request.param == "sqlite" else "pg_db")


@pytest.fixture
def session(db):
    with db.session() as s:
        yield s


@pytest.fixture
def actor():
    from models.actor import Actor

    return Actor("测试员", "管理员")


@pytest.fixture
def county(session, actor):
    """A county with two townships and their branches (see tests/factories.py)."""
    from tests.factories import build_county

    tree = build_county(session, actor)
    session.commit()
    return tree


class Confirmations(list):
    """The questions asked of the clerk, as (title, text); `answer` is what the clerk says."""

    answer = True


@pytest.fixture(autouse=True)
def confirmations(monkeypatch):
    """No test ever blocks on a question: every confirmation is recorded and answered yes, unless
    the test sets `confirmations.answer = False`."""
    asked = Confirmations()
    try:
        from forms import dialogs
    except ImportError:  # pragma: no cover - Qt missing: no dialogs to patch
        yield asked
        return

    def confirm(parent, title, text):
        asked.append((title, text))
        return asked.answer

    monkeypatch.setattr(dialogs, "confirm", confirm)
    _no_blocking_dialogs(monkeypatch)
    yield asked
    _release_modifiers()


def _release_modifiers() -> None:
    """A Ctrl- or Shift-click in a test leaves Qt believing the key is still held: the next test's
    selectRow would then add to the selection instead of replacing it. A plain mouse move and a
    key release put the modifiers back."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    if app is None or QGuiApplication.queryKeyboardModifiers() == Qt.KeyboardModifier.NoModifier \
            and QGuiApplication.keyboardModifiers() == Qt.KeyboardModifier.NoModifier:
        return
    widget = app.activeWindow() or next(iter(app.topLevelWidgets()), None)
    if widget is not None:
        for key in (Qt.Key.Key_Control, Qt.Key.Key_Shift):
            QTest.keyRelease(widget, key)
        QTest.mouseMove(widget)


def _no_blocking_dialogs(monkeypatch) -> None:
    """A modal question nobody answers would hang the run: a test that reaches one without
    replacing it fails at once instead."""
    from PySide6.QtWidgets import QFileDialog, QInputDialog

    def blocked(name):
        def refuse(*_a, **_k):
            raise AssertionError(f"the test opened a blocking {name}: monkeypatch it")

        return staticmethod(refuse)

    for cls, names in ((QInputDialog, ("getText", "getItem", "getMultiLineText", "getInt", "getDouble")),
                       (QFileDialog, ("getSaveFileName", "getOpenFileName", "getOpenFileNames",
                                      "getExistingDirectory"))):
        for name in names:
            monkeypatch.setattr(cls, name, blocked(f"{cls.__name__}.{name}"))


# ---------------------------------------------------------------- the PostgreSQL count
#
# tools/run-tests.sh sets DANGJIAN_REQUIRE_PG=1 when a server answers: then a run in which the
# PostgreSQL tests were skipped for want of a server (or none ran) fails. The count is printed.

_pg_tally = {"ran": 0, "skipped": 0}


def pytest_runtest_logreport(report):
    if "postgres" not in report.keywords:
        return
    if report.skipped and not hasattr(report, "wasxfail"):  # an expected failure ran
        text = str(report.longrepr)
        if "PostgreSQL" in text or "psycopg" in text:
            _pg_tally["skipped"] += 1
    elif report.when == "call":
        _pg_tally["ran"] += 1


@pytest.hookimpl(tryfirst=True)
def pytest_sessionfinish(session, exitstatus):
    if hasattr(session.config, "workerinput"):  # an xdist worker: the controller counts
        return
    if os.environ.get("DANGJIAN_REQUIRE_PG") and (_pg_tally["skipped"] or not _pg_tally["ran"]):
        session.exitstatus = 1


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if hasattr(config, "workerinput"):
        return
    line = f"PostgreSQL tests: {_pg_tally['ran']} ran, {_pg_tally['skipped']} skipped for want of a server"
    if os.environ.get("DANGJIAN_REQUIRE_PG") and (_pg_tally["skipped"] or not _pg_tally["ran"]):
        line += " — FAILED: a server answered (DANGJIAN_REQUIRE_PG) but the PostgreSQL tests did not run"
    terminalreporter.write_line(line)
