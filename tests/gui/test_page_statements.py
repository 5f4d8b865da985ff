"""Every page opens in a few statements, however many rows it shows (docs/network.md).

Over a county's network each statement is a round trip (20 ms and more): a page that loads a
relation per row (a letter's recipient, a task's townships, a round's scheme) opens in seconds.
Each page of the main window is opened on the demo county at two sizes (2 and 4 townships: more
organizations, letters, problems, pairings) on SQLite and on PostgreSQL; the statements it runs
are counted with a SQLAlchemy event listener: at most 15, the same number at both sizes, and no
relation lazy-loaded (a lazy load runs once per row it is reached from)."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, replace

import pytest
from sqlalchemy import event
from sqlalchemy.orm import Session

from desktop.pages import PAGES
from models.actor import Actor
from models.roles import Role

ADMIN = Actor("页面语句", Role.ADMIN)
MAX_STATEMENTS = 15
#: pages held to fewer statements than MAX_STATEMENTS (docs/network.md, “Measured”)
PAGE_STATEMENTS = {"pairing": 4, "evaluation": 7}
TOWNS = (2, 4)


@dataclass
class Opened:
    statements: int
    lazy_loads: list[str]


def _build(db, towns: int) -> None:
    from models.demo import SCALES, build_demo
    from models.services.orgs import ensure_county

    with db.transaction() as s:
        ensure_county(s, ADMIN, "中共某某县委员会", "某组")
        build_demo(s, ADMIN, replace(SCALES["small"], towns=towns), seed=1)


def _open_every_page(db, qtbot) -> dict[str, Opened]:
    from desktop.context import AppContext

    ctx = AppContext(db, ADMIN)
    out: dict[str, Opened] = {}
    for module, key, _title in PAGES:
        create = importlib.import_module(module).create_page
        with db.session() as s:  # the window's connection is open already
            s.connection()
        count: list[int] = [0]
        lazy: list[str] = []

        def seen(*_args: object, count: list[int] = count) -> None:
            count[0] += 1

        def orm(state, lazy: list[str] = lazy) -> None:
            if state.lazy_loaded_from is not None:
                lazy.append(f"{state.lazy_loaded_from.class_.__name__}: {state.statement}"[:200])

        event.listen(db.engine, "before_cursor_execute", seen)
        event.listen(Session, "do_orm_execute", orm)
        try:
            page = create(ctx)
            qtbot.addWidget(page)
            page.resize(1200, 700)
            page.show()
            qtbot.wait(10)  # what the page reads after it is shown (timers at 0 ms)
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
            event.remove(Session, "do_orm_execute", orm)
        out[key] = Opened(count[0], lazy)
        page.close()
    return out


def _check(small: dict[str, Opened], large: dict[str, Opened]) -> None:
    problems = []
    for key, opened in large.items():
        most = PAGE_STATEMENTS.get(key, MAX_STATEMENTS)
        if opened.statements > most:
            problems.append(f"{key}: {opened.statements} statements (at most {most})")
        if opened.statements != small[key].statements:
            problems.append(f"{key}: {small[key].statements} statements with {TOWNS[0]} townships, "
                            f"{opened.statements} with {TOWNS[1]}: a statement per row")
        if opened.lazy_loads or small[key].lazy_loads:
            problems.append(f"{key}: relations loaded per row: {(opened.lazy_loads or small[key].lazy_loads)[:3]}")
    assert not problems, "\n".join(problems)


def test_every_page_opens_in_few_statements_on_sqlite(tmp_path, messages, qtbot):
    from models.db import open_database

    opened = []
    for towns in TOWNS:
        db = open_database(tmp_path / f"county-{towns}.sqlite3")
        try:
            _build(db, towns)
            opened.append(_open_every_page(db, qtbot))
        finally:
            db.dispose()
    _check(*opened)
    assert opened[1]["supervision"].statements > 0  # the pages did read


@pytest.mark.postgres
def test_every_page_opens_in_few_statements_on_postgresql(pg_template, messages, qtbot):
    from models.db import open_database
    from tests.conftest import pg_create_database, pg_drop_database, pg_url

    opened = []
    for towns in TOWNS:
        name = pg_create_database(template=pg_template)
        db = open_database(pg_url(name))
        try:
            _build(db, towns)
            opened.append(_open_every_page(db, qtbot))
        finally:
            db.dispose()
            pg_drop_database(name)
    _check(*opened)


def test_the_evaluation_page_polls_with_one_statement(tmp_path, messages, qtbot):
    """Every 20 s the 星级评定与双评 page asks whether another clerk changed the rounds: one statement,
    and a change is still seen."""
    from desktop.context import AppContext
    from desktop.pages.evaluation import EvaluationPage
    from models.db import open_database
    from models.evaluation import EvaluationRound

    db = open_database(tmp_path / "county.sqlite3")
    try:
        _build(db, TOWNS[0])
        page = EvaluationPage(AppContext(db, ADMIN))
        qtbot.addWidget(page)
        assert page.round_id is not None
        count = [0]

        def seen(*_args: object) -> None:
            count[0] += 1

        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            assert page.check_changes() is False
            assert count[0] == 1
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        with db.transaction() as s:  # another clerk's change to the round shown
            s.get(EvaluationRound, page.round_id).rule_override_reason = "另一办事员"
        assert page.check_changes() is True
    finally:
        db.dispose()


def test_the_evaluation_page_reads_again_in_one_read_keeping_the_branch(tmp_path, messages, qtbot):
    """刷新 on the 星级评定与双评 page: the rounds, the branches and the chosen branch's grid in the
    statements of an open (the grid not read for the first branch and then again for the chosen
    one), the chosen branch kept; the 村干部名册 tab is read when it is shown."""
    from desktop.context import AppContext
    from desktop.pages.evaluation import EvaluationPage
    from models.db import open_database

    db = open_database(tmp_path / "county.sqlite3")
    try:
        _build(db, TOWNS[0])
        page = EvaluationPage(AppContext(db, ADMIN))
        qtbot.addWidget(page)
        assert page.branch_combo.count() > 1 and page.roster.which.count() == 0
        page.branch_combo.setCurrentIndex(1)
        chosen, rows = page.branch_combo.currentData(), [r.sheet_id for r in page.model.rows]
        count = [0]

        def seen(*_args: object) -> None:
            count[0] += 1

        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            page.reload()
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
        assert count[0] <= PAGE_STATEMENTS["evaluation"]
        assert page.branch_combo.currentData() == chosen
        assert [r.sheet_id for r in page.model.rows] == rows
        rounds: list[str] = []

        def round_read(_c: object, _cur: object, statement: str, *_args: object) -> None:
            if statement.startswith("SELECT evaluation_round.id"):
                rounds.append(statement)

        event.listen(db.engine, "before_cursor_execute", round_read)
        try:  # another round: its branches and its grid in one read, the round read once
            page.round_combo.setCurrentIndex(page.round_combo.count() - 1)
        finally:
            event.remove(db.engine, "before_cursor_execute", round_read)
        assert len(rounds) == 1, rounds
        page.tabs.setCurrentWidget(page.roster)
        assert page.roster.which.count() >= 2  # 在任村干部, 全部任职
    finally:
        db.dispose()
