"""Issue 13: lockout counted by the database, forced password change, weak passwords, one message
for an unknown account and a wrong password, no password echoed in a usage error."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from desktop.cli import main
from models.account import Account
from models.audit import AuditEntry
from models.errors import PermissionDenied, ValidationError
from models.services import access, accounts
from tests.factories import build_county


def _office(db, actor):
    """An administrator with a password and the township clerk 东城 (password east-pass)."""
    with db.session() as s:
        county = build_county(s, actor)
        admin = access.login(s, None)
        accounts.set_password(s, admin, "管理员", "admin-pass")
        accounts.add_account(s, admin, "东城", "乡镇办事员", county.east.id, password="east-init-1")
        me = access.login(s, "东城", "east-init-1", changing_password=True)
        accounts.set_password(s, me, "东城", "east-pass", "east-init-1")
        s.commit()


# ---------------------------------------------------------------- weak passwords


@pytest.mark.parametrize("password, reason", [
    ("123456", "至少8个字符"),
    ("      ", "不能为空或全是空格"),
    ("        ", "不能为空或全是空格"),
    ("aaaaaaaa", "同一个字符重复"),
    ("11111111", "同一个字符重复"),
    ("12345678", "连续或重复的序列"),
    ("87654321", "连续或重复的序列"),
    ("abcdefgh", "连续或重复的序列"),
    ("abababab", "连续或重复的序列"),
    ("20261201", "至少两类"),
    ("mypassword", "至少两类"),
    ("Admin123", "常见密码"),
    ("1qaz2wsx", "常见密码"),
    ("东城镇党委2026", None),
    ("east-pass", None),
    ("Qingshan-2026", None),
])
def test_weak_passwords_are_refused_with_a_reason(password, reason):
    problem = accounts.password_problem(password, "某人")
    if reason is None:
        assert problem is None
    else:
        assert problem is not None and reason in problem


def test_set_password_refuses_a_weak_one_naming_the_rule(session, county):
    admin = access.login(session, None)
    with pytest.raises(ValidationError) as err:
        accounts.set_password(session, admin, "管理员", "123456")
    assert "密码：至少8个字符（现为6个）" in str(err.value)
    assert "须含字母、数字、符号（含汉字）中的至少两类" in str(err.value)
    accounts.set_password(session, admin, "管理员", "admin-pass")
    with pytest.raises(ValidationError, match="不能与账号名相同"):
        accounts.add_account(session, admin, "zhangsan-1", "只读", password="zhangsan-1")


# ---------------------------------------------------------------- one message


def test_unknown_account_and_wrong_password_get_the_same_message(db, actor):
    _office(db, actor)
    texts = []
    for name in ("东城", "没有这个人"):
        with db.session() as s, pytest.raises(PermissionDenied) as err:
            access.login(s, name, "wrong-pass-1")
        texts.append(str(err.value))
    assert texts == ["账号或密码不正确", "账号或密码不正确"]


# ---------------------------------------------------------------- lockout under concurrency


def _failed_attempts_in_parallel(db, n=12):
    barrier = threading.Barrier(n)
    results: list[str] = []

    def attempt(i: int) -> None:
        with db.session() as s:
            barrier.wait()
            try:
                access.login(s, "东城", f"wrong-pass-{i}")
                results.append("in")
            except PermissionDenied as exc:
                results.append(str(exc))

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_twelve_parallel_wrong_passwords_lock_like_sequential_ones(db, actor):
    _office(db, actor)
    results = _failed_attempts_in_parallel(db)
    assert len(results) == 12 and "in" not in results
    with db.session() as s:
        account = s.scalar(select(Account).where(Account.name == "东城"))
        assert account.locked_until is not None  # locked, as five attempts in a row would
        locks = s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "lock"))
        assert locks == 1  # the count reached five exactly once
        with pytest.raises(PermissionDenied, match="已锁定"):
            access.login(s, "东城", "east-pass")  # even the right password, while locked
    assert sum("已连续5次密码错误，锁定15分钟" in r for r in results) == 1


def test_failures_are_counted_by_one_update_each(db, actor):
    """Four wrong passwords from four sessions that all read the count 0 still count four."""
    _office(db, actor)
    sessions = [db.session() for _ in range(4)]
    for s in sessions:
        s.scalar(select(Account).where(Account.name == "东城"))  # each has read failed_logins = 0
    for i, s in enumerate(sessions):
        with pytest.raises(PermissionDenied):
            access.login(s, "东城", f"wrong-pass-{i}")
        s.close()
    with db.session() as s:
        assert s.scalar(select(Account.failed_logins).where(Account.name == "东城")) == 4


# ---------------------------------------------------------------- must change the password


def _cli(path, user, *args, monkeypatch, password=None, new=None):
    if password is None:
        monkeypatch.delenv("DANGJIAN_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("DANGJIAN_PASSWORD", password)
    if new is None:
        monkeypatch.delenv("DANGJIAN_NEW_PASSWORD", raising=False)
    else:
        monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", new)
    return main(["--db", str(path), *(["--user", user] if user else []), *args])


def test_cli_refuses_an_account_that_must_change_its_password(sqlite_path, actor, capsys, monkeypatch):
    from models.db import open_database

    db = open_database(sqlite_path)
    with db.session() as s:
        build_county(s, actor)
        s.commit()
    db.dispose()
    assert _cli(sqlite_path, None, "account", "password", "管理员", monkeypatch=monkeypatch,
                new="admin-pass") == 0
    assert _cli(sqlite_path, "管理员", "account", "add", "县级甲", "--role", "县级办事员",
                monkeypatch=monkeypatch, password="admin-pass", new="given-by-admin1") == 0
    capsys.readouterr()
    assert _cli(sqlite_path, "县级甲", "check", monkeypatch=monkeypatch, password="given-by-admin1") == 3
    assert "须先修改密码：请运行 dangjian --user 县级甲 account password 县级甲" in capsys.readouterr().err
    assert _cli(sqlite_path, "县级甲", "account", "password", "县级甲", monkeypatch=monkeypatch,
                password="given-by-admin1", new="given-by-admin1") == 1
    assert "须与管理员设置的密码不同" in capsys.readouterr().err
    assert _cli(sqlite_path, "县级甲", "account", "password", "县级甲", monkeypatch=monkeypatch,
                password="given-by-admin1", new="mine-and-only-1") == 0
    assert _cli(sqlite_path, "县级甲", "check", monkeypatch=monkeypatch, password="mine-and-only-1") == 0


@pytest.mark.parametrize("argv", [
    ["--user", "管理员", "--password", "Sup3r-Secret", "check"],
    ["--user", "管理员", "--password=Sup3r-Secret", "check"],
    ["account", "password", "管理员", "Sup3r-Secret"],
    ["account", "add", "甲", "--role", "只读", "--pwd", "Sup3r-Secret"],
])
def test_a_password_on_the_command_line_is_never_echoed(argv, sqlite_path, capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--db", str(sqlite_path), *argv])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "用法错误" in err and "Sup3r-Secret" not in err


# ---------------------------------------------------------------- the login dialog


def test_login_dialog_asks_for_a_new_password_before_continuing(qtbot, sqlite_db, actor, sqlite_path,
                                                                monkeypatch):
    from desktop.app import MainWindow
    from forms import dialogs

    monkeypatch.setattr(dialogs, "message", lambda *a, **k: None)
    with sqlite_db.session() as s:
        build_county(s, actor)
        admin = access.login(s, None)
        accounts.set_password(s, admin, "管理员", "admin-pass")
        accounts.add_account(s, admin, "县级甲", "县级办事员", password="given-by-admin1")
        s.commit()
    win = MainWindow(str(sqlite_path), "县级甲")
    qtbot.addWidget(win)
    win.show()
    assert win.open_database() is False
    dlg = win.login_dialog
    dlg.password.setText("given-by-admin1")
    assert dlg.try_login() is False and win.ctx is None
    assert dlg.new.isVisible() and "须先设置您自己的新密码" in dlg.error.text()
    dlg.new.setText("123456")
    dlg.again.setText("123456")
    assert dlg.try_login() is False and "至少8个字符" in dlg.error.text()
    dlg.new.setText("mine-and-only-1")
    dlg.again.setText("mine-and-only-1")
    assert dlg.try_login() is True
    assert win.ctx is not None and win.ctx.actor.name == "县级甲"
    with sqlite_db.session() as s:
        assert access.login(s, "县级甲", "mine-and-only-1").name == "县级甲"


def _wrong_passwords_in_process(path: str, attempts: int, barrier, results) -> None:
    from models.db import open_database as open_db
    from models.errors import PermissionDenied as Denied
    from models.services import access as acc

    db = open_db(path, migrate=False)
    try:
        barrier.wait()
        for i in range(attempts):
            with db.session() as s:
                try:
                    acc.login(s, "东城", f"wrong-pass-{i}")
                    results.put("in")
                except Denied as exc:
                    results.put(str(exc))
    finally:
        db.dispose()


def test_twelve_wrong_passwords_from_four_programs_lock_the_sqlite_account(sqlite_db, sqlite_path, actor):
    import multiprocessing

    _office(sqlite_db, actor)
    sqlite_db.dispose()
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_wrong_passwords_in_process, args=(str(sqlite_path), 3, barrier, results))
             for _ in range(4)]
    for p in procs:
        p.start()
    got = [results.get(timeout=180) for _ in range(12)]
    for p in procs:
        p.join(timeout=60)
    assert "in" not in got
    assert sum("已连续5次密码错误，锁定15分钟" in r for r in got) == 1
    with sqlite_db.session() as s:
        assert s.scalar(select(Account.locked_until).where(Account.name == "东城")) is not None
        assert s.scalar(select(func.count()).select_from(AuditEntry).where(AuditEntry.action == "lock")) == 1


def test_first_run_wizard_refuses_a_weak_administrator_password(qtbot):
    from forms.first_run import PasswordPage

    page = PasswordPage()
    qtbot.addWidget(page)
    for weak, reason in (("123456", "至少8个字符"), ("11111111", "同一个字符重复"), ("admin123", "常见密码")):
        page.password.setText(weak)
        page.again.setText(weak)
        assert page.validatePage() is False and reason in page.error.text()
    page.password.setText("Qingshan-2026")
    page.again.setText("Qingshan-2026")
    assert page.validatePage() is True
