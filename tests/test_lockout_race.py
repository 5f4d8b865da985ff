"""Issue 31 item 5: 11 wrong passwords and the right one started together, 5 rounds, on both
engines (threads, each its own session): the account ends locked every round and the right
password gets in only when it was counted before the fifth failure (docs/tamper-evidence.md)."""

from __future__ import annotations

import threading

from sqlalchemy import func, select, update

from models.account import Account
from models.audit import AuditEntry
from models.errors import PermissionDenied
from models.services import access
from tests.test_account_security import _office

LOCKED_NOW = "已连续5次密码错误，锁定15分钟"


def _burst(db) -> tuple[str, list[str]]:
    """The right password's outcome and the wrong ones' messages, all started at once."""
    passwords = ["east-pass"] + [f"wrong-pass-{i}" for i in range(11)]
    barrier = threading.Barrier(len(passwords))
    outcome: dict[int, str] = {}

    def attempt(i: int) -> None:
        with db.session() as s:
            barrier.wait()
            try:
                access.login(s, "东城", passwords[i])
                outcome[i] = "in"
            except PermissionDenied as exc:
                outcome[i] = str(exc)

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(len(passwords))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return outcome[0], [outcome[i] for i in range(1, len(passwords))]


def test_a_burst_of_wrong_passwords_and_the_right_one_always_ends_locked(db, actor):
    _office(db, actor)
    for _round in range(5):
        with db.session() as s:
            locks_before = s.scalar(select(func.count()).select_from(AuditEntry)
                                    .where(AuditEntry.action == "lock"))
        right, wrong = _burst(db)
        with db.session() as s:
            assert s.scalar(select(Account.locked_until).where(Account.name == "东城")) is not None
            locks = s.scalar(select(func.count()).select_from(AuditEntry)
                             .where(AuditEntry.action == "lock")) - locks_before
        assert locks == 1  # locked exactly once: no success erased the lock in between
        assert "in" not in wrong
        counted = [w for w in wrong if w == "账号或密码不正确" or LOCKED_NOW in w]
        assert sum(LOCKED_NOW in w for w in wrong) == 1
        if right == "in":
            # counted before the fifth failure: k < 5 failures before it, then five more lock
            assert 5 <= len(counted) <= 9
        else:
            assert "已锁定" in right
            assert len(counted) == 5
        with db.session() as s:  # the administrator unlocks for the next round
            s.execute(update(Account).where(Account.name == "东城")
                      .values(locked_until=None, failed_logins=0))
            s.commit()


def test_the_right_password_checked_while_the_fifth_failure_locks_is_refused(db, actor, monkeypatch):
    """The race made certain: the right password's login has read the account (3 failures so far)
    and is checking the password while two more failures lock it; its success must neither get
    in nor erase the lock."""
    _office(db, actor)
    from models.services import accounts

    locked = threading.Event()
    checking = threading.Event()
    real_verify = accounts.verify_password

    def verify(password, stored):
        if password == "east-pass":
            checking.set()
            assert locked.wait(60)
        return real_verify(password, stored)

    monkeypatch.setattr(accounts, "verify_password", verify)

    def wrong(i: int) -> str:
        with db.session() as s:
            try:
                access.login(s, "东城", f"wrong-pass-{i}")
                return "in"
            except PermissionDenied as exc:
                return str(exc)

    for i in range(3):
        assert wrong(i) == "账号或密码不正确"
    outcome: list[str] = []

    def right() -> None:
        with db.session() as s:
            try:
                access.login(s, "东城", "east-pass")
                outcome.append("in")
            except PermissionDenied as exc:
                outcome.append(str(exc))

    thread = threading.Thread(target=right)
    thread.start()
    assert checking.wait(60)
    assert wrong(3) == "账号或密码不正确"
    assert LOCKED_NOW in wrong(4)
    locked.set()
    thread.join()
    assert outcome and "已锁定" in outcome[0]
    with db.session() as s:
        assert s.scalar(select(Account.locked_until).where(Account.name == "东城")) is not None
