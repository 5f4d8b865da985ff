"""Accounts: the first administrator, add, list, disable (never delete) and enable again, passwords,
login.

Rules:
- The first run creates the administrator “管理员” without a password. While it is the only
  account it needs none; before adding a second account the administrator must set one
  (otherwise nobody could log in as administrator afterwards).
- An account without a password cannot log in once other accounts exist.
- Five wrong passwords in a row lock the account for 15 minutes. Each failure is counted by one
  UPDATE in the database (`failed_logins = failed_logins + 1`, and the lock set in the same
  statement when the count reaches five, only while the account is not locked), so attempts made
  at the same time from several programs count exactly as attempts one after another do.
- The right password is decided on the account as it is after the password check: a lock set
  meanwhile refuses it, and a count is reset by one UPDATE with the same condition (not locked at
  that moment), so no success erases a lock and no login passes after the fifth counted failure
  (docs/tamper-evidence.md).
- An unknown account and a wrong password get the same message (nobody learns which names exist).
- An account whose password an administrator set (a new account, a reset) must choose its own
  password at its next login: `login` refuses with `PasswordChangeRequired` until it has.
- Password rule (PASSWORD_RULE): at least 8 characters; at least two of letters, digits and other
  characters (Chinese characters and punctuation count as other); not one character repeated,
  not a run such as 12345678 or abcdefgh, not a well-known password, not the account name.
- 乡镇办事员 needs a scope: a township-level organization (directly under the county).
- The audit log never receives password hashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from typing import Any

from sqlalchemy import case, func, select, update
from sqlalchemy.orm import Session

from ..account import Account, hash_password, verify_password
from ..actor import SYSTEM, Actor
from ..audit import keep_head_on_server, record
from ..errors import DomainError, FieldError, NotFound, PermissionDenied, ValidationError
from ..org import Organization
from . import access
from .access import Permission, Role
from .common import apply_changes

ENTITY = "account"
FIRST_ADMIN = "管理员"
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 8
PASSWORD_RULE = (
    f"密码至少{MIN_PASSWORD_LENGTH}个字符，须含字母、数字、符号（含汉字）中的至少两类，"
    "不能是同一字符重复、连续序列（如12345678、abcdefgh）、常见密码或账号名"
)
#: well-known passwords refused whatever the other rules say (compared in lower case)
COMMON_PASSWORDS = frozenset({
    "password", "password1", "password123", "passw0rd", "p@ssw0rd", "p@ssword", "admin123",
    "admin1234", "admin888", "admin@123", "root1234", "abc12345", "abcd1234", "a1234567",
    "a12345678", "1qaz2wsx", "1q2w3e4r", "qwer1234", "qwerty12", "qwerty123", "asdf1234",
    "zxcv1234", "iloveyou1", "woaini1314", "woaini520", "12345678a", "123456ab", "123456abc",
    "aa123456", "qq123456", "abc123456", "1234qwer", "test1234", "123qweasd", "qweasdzxc",
})
#: said when a 乡镇办事员 account is added to a SQLite file (docs/server-rights.md)
SQLITE_TOWNSHIP_NOTE = (
    "注意：本机数据库文件不能按乡镇限制数据——能复制该文件的人就能读到全部数据（含完整身份证号和电话），"
    "账号和乡镇范围只在本程序内有效。乡镇办事员账号应建在共享的 PostgreSQL 服务器上"
)
#: what a failed login says, for an unknown account and a wrong password alike
BAD_LOGIN = "账号或密码不正确"

@cache
def _dummy_hash() -> str:
    return hash_password("never-matches")



class AuthenticationError(PermissionDenied):
    """Login refused: unknown or inactive account, wrong password, locked."""


class PasswordChangeRequired(AuthenticationError):
    """The password is right but an administrator set it: the account must choose a new one."""

    def __init__(self, name: str):
        self.name = name
        super().__init__(
            f"账号“{name}”的密码由管理员设置，须先修改密码：请运行 dangjian --user {name} "
            f"account password {name}（或在桌面程序登录时按提示修改）"
        )


def _now(now: datetime | None) -> datetime:
    return (now or datetime.now()).replace(microsecond=0)


def account_count(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Account)) or 0


def find_account(session: Session, name: str) -> Account:
    account = session.scalar(select(Account).where(Account.name == name.strip()))
    if account is None:
        raise NotFound(f"找不到账号“{name}”")
    return account


def ensure_first_admin(session: Session) -> Account | None:
    """Create “管理员” when the database has no account yet; returns it when created."""
    if account_count(session):
        return None
    admin = Account(name=FIRST_ADMIN, role=Role.ADMIN, active=True, failed_logins=0)
    session.add(admin)
    session.flush()
    record(session, SYSTEM.name, "create", ENTITY, admin.id,
           {"name": [None, admin.name], "role": [None, Role.ADMIN.value]}, "首次运行创建管理员")
    return admin


def password_problem(password: str, name: str | None = None) -> str | None:
    """Why `password` is too weak (a sentence for the clerk), or None when it may be used."""
    if not password or not password.strip():
        return "不能为空或全是空格"
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"至少{MIN_PASSWORD_LENGTH}个字符（现为{len(password)}个）"
    if len(set(password)) == 1:
        return "不能是同一个字符重复"
    steps = {ord(b) - ord(a) for a, b in zip(password, password[1:], strict=False)}
    if steps in ({1}, {-1}) or len(set(password)) <= 2 and len(password) <= 10:
        return "不能是连续或重复的序列（如12345678、abcdefgh、abababab）"
    kinds = sum((
        any(c.isascii() and c.isalpha() for c in password),
        any(c.isdigit() for c in password),
        any(not (c.isascii() and c.isalnum()) and not c.isdigit() for c in password),
    ))
    if kinds < 2:
        return "须含字母、数字、符号（含汉字）中的至少两类"
    if password.lower() in COMMON_PASSWORDS:
        return "是常见密码，容易被猜中"
    if name and password.strip().lower() == name.strip().lower():
        return "不能与账号名相同"
    return None


def _check_password_rules(password: str, name: str | None = None) -> None:
    problem = password_problem(password, name)
    if problem:
        raise ValidationError([FieldError("密码", f"{problem}。{PASSWORD_RULE}")])


def _scope_for(session: Session, role: Role, scope_org_id: int | None) -> int | None:
    if role != Role.TOWNSHIP_CLERK:
        if scope_org_id is not None:
            raise ValidationError([FieldError("范围", f"{role.value}不限于一个乡镇，不能指定范围")])
        return None
    if scope_org_id is None:
        raise ValidationError([FieldError("范围", "乡镇办事员须指定所属乡镇（乡镇级党组织）")])
    org = session.get(Organization, scope_org_id)
    if org is None:
        raise ValidationError([FieldError("范围", f"找不到党组织（编号{scope_org_id}）")])
    if org.depth != 1:
        raise ValidationError(
            [FieldError("范围", f"“{org.name}”不是乡镇级党组织（须直属县委）")]
        )
    return org.id


def _parse_role(role: Role | str) -> Role:
    try:
        return Role(role)
    except ValueError:
        names = "、".join(r.value for r in Role)
        raise ValidationError([FieldError("角色", f"“{role}”不是有效角色（可用：{names}）")]) from None


def add_account(
    session: Session,
    actor: Actor,
    name: str,
    role: Role | str,
    scope_org_id: int | None = None,
    password: str | None = None,
) -> Account:
    access.require(actor, Permission.MANAGE_ACCOUNTS)
    name = (name or "").strip()
    if not name:
        raise ValidationError([FieldError("账号", "必填")])
    role = _parse_role(role)
    if session.scalar(select(Account.id).where(Account.name == name)):
        raise ValidationError([FieldError("账号", f"“{name}”已存在")])
    admin = session.scalar(select(Account).where(Account.name == actor.name))
    on_server = session.get_bind().dialect.name == "postgresql" and _is_server_login(session, actor.name)
    if admin is not None and admin.password_hash is None and not on_server:
        raise DomainError(
            f"请先为“{admin.name}”设置密码（dangjian account password {admin.name}），再添加其他账号"
        )
    scope = _scope_for(session, role, scope_org_id)
    if password is not None:
        _check_password_rules(password, name)
    account = Account(
        name=name, role=role, scope_org_id=scope, active=True, failed_logins=0,
        password_hash=hash_password(password) if password else None,
        must_change_password=password is not None,
    )
    session.add(account)
    session.flush()
    fields: dict[str, list[Any]] = {"name": [None, name], "role": [None, role.value]}
    if scope is not None:
        fields["scope_org_id"] = [None, scope]
    record(session, actor.name, "create", ENTITY, account.id, fields)
    return account


@dataclass(frozen=True)
class AccountRow:
    id: int
    name: str
    role: str
    scope: str | None
    active: bool
    has_password: bool
    locked_until: datetime | None


def list_accounts(session: Session, actor: Actor) -> list[AccountRow]:
    access.require(actor, Permission.MANAGE_ACCOUNTS)
    rows = session.execute(
        select(Account, Organization.name)
        .outerjoin(Organization, Account.scope_org_id == Organization.id)
        .order_by(Account.id)
    )
    return [
        AccountRow(a.id, a.name, a.role.value, org_name, a.active, a.password_hash is not None,
                   a.locked_until)
        for a, org_name in rows
    ]


def disable_account(session: Session, actor: Actor, name: str) -> Account:
    """Deactivate (never delete). The last active administrator cannot be deactivated."""
    access.require(actor, Permission.MANAGE_ACCOUNTS)
    account = find_account(session, name)
    if not account.active:
        raise DomainError(f"账号“{account.name}”已停用")
    if account.role == Role.ADMIN:
        admins = session.scalar(
            select(func.count()).where(Account.role == Role.ADMIN, Account.active.is_(True))
        ) or 0
        if admins <= 1:
            raise DomainError("不能停用最后一个管理员账号")
    apply_changes(session, actor, account, {"active": False}, ENTITY, "disable")
    return account


def enable_account(session: Session, actor: Actor, name: str) -> Account:
    """Give a disabled account back (停用 undone): it may log in again with its password."""
    access.require(actor, Permission.MANAGE_ACCOUNTS)
    account = find_account(session, name)
    if account.active:
        raise DomainError(f"账号“{account.name}”未停用，无需启用")
    apply_changes(session, actor, account, {"active": True}, ENTITY, "enable")
    return account


def set_password(
    session: Session, actor: Actor, name: str, new_password: str, old_password: str | None = None
) -> Account:
    """An administrator sets anyone's password; any account changes its own."""
    account = find_account(session, name)
    own = account.name == actor.name
    if not own:
        access.require(actor, Permission.MANAGE_ACCOUNTS)
    _check_password_rules(new_password, account.name)
    if own and account.password_hash is not None and not access.may(
        actor, Permission.MANAGE_ACCOUNTS
    ) and not verify_password(old_password or "", account.password_hash):
        raise AuthenticationError("原密码不正确")
    if own and account.must_change_password and verify_password(new_password, account.password_hash):
        raise ValidationError([FieldError("新密码", "须与管理员设置的密码不同")])
    account.password_hash = hash_password(new_password)
    account.must_change_password = not own
    account.failed_logins = 0
    account.locked_until = None
    account.updated_at = _now(None)
    session.flush()  # the version goes up by the mapper (version_id_col)
    record(session, actor.name, "password", ENTITY, account.id, {}, "修改密码")
    return account


def needs_password(session: Session, name: str | None) -> bool:
    """Whether logging in as `name` (None: the default account) asks for a password."""
    count = account_count(session)
    if count == 0:
        return False
    if name is None:
        if count > 1:
            return False  # login refuses first: "请用 --user 指定账号"
        account = session.scalar(select(Account))
    else:
        account = session.scalar(select(Account).where(Account.name == (name or "")))
    if account is None:
        return True
    return not (account.password_hash is None and count == 1)


def _locked_message(name: str, until: datetime) -> str:
    return (f"账号“{name}”因连续{MAX_FAILED_LOGINS}次密码错误已锁定，"
            f"请于{until:%H:%M}后再试")


def _count_failure(session: Session, account_id: int, name: str, now: datetime) -> None:
    """Count one wrong password in one UPDATE; lock when the count reaches the limit.

    The statement only touches an account that is not locked at `now`, and reads the count it
    increments in the same statement, so concurrent failures neither get lost nor lock twice.
    """
    reached = Account.failed_logins + 1 >= MAX_FAILED_LOGINS
    until = now + timedelta(minutes=LOCK_MINUTES)
    row = session.execute(
        update(Account.__table__)
        .where(Account.__table__.c.id == account_id)
        .where((Account.__table__.c.locked_until.is_(None)) | (Account.__table__.c.locked_until <= now))
        .values(
            failed_logins=case((reached, 0), else_=Account.__table__.c.failed_logins + 1),
            locked_until=case((reached, until), else_=None),
        )
        .returning(Account.__table__.c.failed_logins, Account.__table__.c.locked_until)
    ).first()
    if row is None:  # another attempt locked it meanwhile
        locked = session.scalar(select(Account.__table__.c.locked_until)
                                .where(Account.__table__.c.id == account_id))
        raise AuthenticationError(_locked_message(name, locked or until))
    if row.locked_until is not None:
        record(session, SYSTEM.name, "lock", ENTITY, account_id,
               {"locked_until": [None, row.locked_until.isoformat()]},
               f"连续{MAX_FAILED_LOGINS}次密码错误，锁定{LOCK_MINUTES}分钟", now)
        raise AuthenticationError(
            f"{BAD_LOGIN}。账号“{name}”已连续{MAX_FAILED_LOGINS}次密码错误，锁定{LOCK_MINUTES}分钟"
        )
    raise AuthenticationError(BAD_LOGIN)


def _count_success(session: Session, account_id: int, name: str, now: datetime) -> None:
    """The right password, decided on the account as it is now, not as it was read before the
    (slow) password check (docs/tamper-evidence.md, "Lockout"): locked meanwhile → refused, the
    lock stays; failures counted meanwhile → back to 0 by one UPDATE that only touches an account
    not locked at `now` (refused when a failure locked it in between); none → nothing written (a
    login takes no write lock). A success never erases a lock, and no login passes after the
    fifth counted failure."""
    table = Account.__table__
    count, locked = session.execute(
        select(table.c.failed_logins, table.c.locked_until).where(table.c.id == account_id)).one()
    if locked is not None and locked > now:
        raise AuthenticationError(_locked_message(name, locked))
    if not count and locked is None:
        return
    row = session.execute(
        update(table)
        .where(table.c.id == account_id)
        .where((table.c.locked_until.is_(None)) | (table.c.locked_until <= now))
        .values(failed_logins=0, locked_until=None)
        .returning(table.c.id)
    ).first()
    if row is None:
        locked = session.scalar(select(table.c.locked_until).where(table.c.id == account_id))
        raise AuthenticationError(_locked_message(name, locked or now))


def authenticate(
    session: Session, name: str, password: str | None, now: datetime | None = None,
    changing_password: bool = False,
) -> Account:
    """The account when the password is right; counts failures and locks after five.

    Failure bookkeeping is written, not committed: `login` commits it. `changing_password`
    lets an account that must change its password through (to `account password` only).
    """
    now = _now(now)
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        if password is not None:
            verify_password(password, _dummy_hash())  # the same time as a wrong password
        raise AuthenticationError(BAD_LOGIN)
    if account.locked_until is not None and account.locked_until > now:
        raise AuthenticationError(_locked_message(name, account.locked_until))
    if account.password_hash is None:
        if not account.active:
            raise AuthenticationError(f"账号“{name}”已停用")
        if account_count(session) == 1:
            return account
        raise AuthenticationError(
            f"账号“{name}”尚未设置密码，请管理员用 dangjian account password {name} 设置"
        )
    if password is None:
        raise AuthenticationError(f"请输入账号“{name}”的密码（DANGJIAN_PASSWORD 或提示输入）")
    if not verify_password(password, account.password_hash):
        _count_failure(session, account.id, name, now)
    if not account.active:
        raise AuthenticationError(f"账号“{name}”已停用")
    _count_success(session, account.id, name, now)
    session.expire(account, ["failed_logins", "locked_until"])
    if account.must_change_password and not changing_password:
        raise PasswordChangeRequired(name)
    return account


def login(
    session: Session, user: str | None, password: str | None = None, now: datetime | None = None,
    changing_password: bool = False,
) -> Actor:
    """The checked account as an Actor; commits the first administrator and failure bookkeeping.

    `changing_password`: the caller only lets the account change its own password (the
    `account password` command, the login dialog's 修改密码 step), so an account that must
    change its password is let through.
    """
    if ensure_first_admin(session) is not None:
        session.commit()
    if user is None:
        names = list(session.scalars(select(Account.name).limit(2)))
        if len(names) != 1:
            raise AuthenticationError("数据库中有多个账号，请用 --user 指定账号")
        user = names[0]
    try:
        account = authenticate(session, user.strip(), password, now, changing_password)
    except AuthenticationError:
        session.commit()
        raise
    session.commit()
    return Actor(account.name, Role(account.role.value), account.scope_org_id)


# ---------------------------------------------------------------- PostgreSQL: the server's logins
#
# On a shared PostgreSQL server each account is a login role of its own (docs/server-rights.md):
# the server checks the password (SCRAM-SHA-256) when the program connects, so the account table
# keeps no password hash there. Logins, passwords and LOGIN/NOLOGIN change only through the schema
# owner's SECURITY DEFINER functions made by migration 0015, which check the caller again.


def _is_server_login(session: Session, name: str) -> bool:
    """The session is `name`'s own login on the server (migration 0015), whose password the server
    checked: no program password to set first."""
    from sqlalchemy import text

    return bool(session.scalar(text(
        "SELECT session_user = :n AND to_regproc('dangjian_scope') IS NOT NULL"), {"n": name}))


def server_verifier(session: Session, name: str, password: str) -> str:
    """The SCRAM-SHA-256 verifier of a password, made here (libpq), so that the password itself
    never travels to the server nor into its statement log."""
    pgconn = session.connection().connection.dbapi_connection.pgconn  # type: ignore[union-attr]
    return pgconn.encrypt_password(password.encode("utf-8"), name.encode("utf-8"),
                                   b"scram-sha-256").decode("ascii")


def add_server_account(
    session: Session, actor: Actor, name: str, role: Role | str, scope_org_id: int | None = None,
    password: str | None = None,
) -> Account:
    """`account add` on PostgreSQL: the account row and its login role, member of its role's group;
    the first password (to be changed at first use) is the login's."""
    from sqlalchemy import text

    if password is None:
        raise ValidationError([FieldError("密码", "PostgreSQL 上新账号须有初始密码（DANGJIAN_NEW_PASSWORD）")])
    _check_password_rules(password, name)
    account = add_account(session, actor, name, role, scope_org_id)
    account.must_change_password = True
    session.flush()
    session.execute(text("SELECT dangjian_grant_login(:n, :v)"),
                    {"n": account.name, "v": server_verifier(session, account.name, password)})
    return account


def set_server_password(session: Session, actor: Actor, name: str, new_password: str) -> Account:
    """A new password for a login: one's own (the connection proved the old one), or anyone's by an
    administrator, who sets it to be changed at the next login."""
    from sqlalchemy import text

    account = find_account(session, name)
    if account.name != actor.name:
        access.require(actor, Permission.MANAGE_ACCOUNTS)
    _check_password_rules(new_password, account.name)
    # the server writes the audit row (a read-only login may write nothing else)
    session.execute(text("SELECT dangjian_set_password(:n, :v)"),
                    {"n": account.name, "v": server_verifier(session, account.name, new_password)})
    session.flush()
    session.refresh(account)
    return account


def disable_server_account(session: Session, actor: Actor, name: str) -> Account:
    """Deactivate the account and refuse its login the connection itself (NOLOGIN)."""
    from sqlalchemy import text

    account = disable_account(session, actor, name)
    session.flush()
    session.execute(text("SELECT dangjian_set_login(:n, false)"), {"n": account.name})
    return account


def enable_server_account(session: Session, actor: Actor, name: str) -> Account:
    """Activate the account again and give its login the connection back (LOGIN), through the
    owner's function, which checks again that the caller is an administrator."""
    from sqlalchemy import text

    account = enable_account(session, actor, name)
    session.flush()
    session.execute(text("SELECT dangjian_set_login(:n, true)"), {"n": account.name})
    return account


def server_login(session: Session, changing_password: bool = False) -> Actor:
    """The acting account on PostgreSQL: the login the program connected as (the server checked
    its password). The schema owner acts as the administrator under its own name."""
    from sqlalchemy import text

    who, owner = session.execute(text("SELECT session_user, dangjian_is_owner()")).one()
    who = str(who)
    if owner:
        if ensure_first_admin(session) is not None:
            session.commit()
        return Actor(who, Role.ADMIN)
    keep_head_on_server(session.get_bind())  # type: ignore[arg-type]  # no right to write audit_head
    account = session.scalar(select(Account).where(Account.name == who))
    if account is None:
        raise AuthenticationError(f"数据库登录“{who}”不是本程序的账号")
    if not account.active:
        raise AuthenticationError(f"账号“{who}”已停用")
    if account.must_change_password and not changing_password:
        raise PasswordChangeRequired(who)
    actor = Actor(account.name, Role(account.role.value), account.scope_org_id)
    if access.masks_id_numbers(actor):  # no SELECT on the full columns: read the masked forms
        from ..masking import mask_secret_columns

        mask_secret_columns(session.get_bind())  # type: ignore[arg-type]
    return actor


def open_as_login(target: str, user: str, password: str):
    """Open a PostgreSQL target as the account's own login (the URL's user and password replaced):
    a wrong password, an unknown login and a disabled (NOLOGIN) one become AuthenticationError."""
    from sqlalchemy.engine import make_url

    from ..db import DatabaseOpenError, open_database, to_url

    login = make_url(to_url(target)).set(username=user.strip(), password=password)
    try:
        return open_database(login.render_as_string(hide_password=False))
    except DatabaseOpenError as exc:
        text = str(exc)
        if "not permitted to log in" in text:
            raise AuthenticationError(f"账号“{user.strip()}”已停用或锁定，不能登录") from None
        if "password authentication failed" in text or ("role" in text and "does not exist" in text):
            raise AuthenticationError(BAD_LOGIN) from None
        raise


def is_server_target(target: str) -> bool:
    from ..db import to_url

    return to_url(target).startswith("postgresql")
