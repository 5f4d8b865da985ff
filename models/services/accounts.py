"""Accounts: the first administrator, add, list, disable (never delete), passwords, login.

Rules:
- The first run creates the administrator “管理员” without a password. While it is the only
  account it needs none; before adding a second account the administrator must set one
  (otherwise nobody could log in as administrator afterwards).
- An account without a password cannot log in once other accounts exist.
- Five wrong passwords in a row lock the account for 15 minutes.
- 乡镇办事员 needs a scope: a township-level organization (directly under the county).
- The audit log never receives password hashes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..account import Account, hash_password, verify_password
from ..actor import SYSTEM, Actor
from ..audit import record
from ..errors import DomainError, FieldError, NotFound, PermissionDenied, ValidationError
from ..org import Organization
from . import access
from .access import Permission, Role
from .common import apply_changes

ENTITY = "account"
FIRST_ADMIN = "管理员"
MAX_FAILED_LOGINS = 5
LOCK_MINUTES = 15
MIN_PASSWORD_LENGTH = 6


class AuthenticationError(PermissionDenied):
    """Login refused: unknown or inactive account, wrong password, locked."""


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


def _check_password_rules(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError([FieldError("密码", f"至少{MIN_PASSWORD_LENGTH}个字符")])


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
    if admin is not None and admin.password_hash is None:
        raise DomainError(
            f"请先为“{admin.name}”设置密码（dangjian account password {admin.name}），再添加其他账号"
        )
    scope = _scope_for(session, role, scope_org_id)
    if password is not None:
        _check_password_rules(password)
    account = Account(
        name=name, role=role, scope_org_id=scope, active=True, failed_logins=0,
        password_hash=hash_password(password) if password else None,
        must_change_password=password is not None,
    )
    session.add(account)
    session.flush()
    fields = {"name": [None, name], "role": [None, role.value]}
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
        )
        if admins <= 1:
            raise DomainError("不能停用最后一个管理员账号")
    apply_changes(session, actor, account, {"active": False}, ENTITY, "disable")
    return account


def set_password(
    session: Session, actor: Actor, name: str, new_password: str, old_password: str | None = None
) -> Account:
    """An administrator sets anyone's password; any account changes its own."""
    account = find_account(session, name)
    own = account.name == actor.name
    if not own:
        access.require(actor, Permission.MANAGE_ACCOUNTS)
    _check_password_rules(new_password)
    if own and account.password_hash is not None and not access.may(
        actor, Permission.MANAGE_ACCOUNTS
    ) and not verify_password(old_password or "", account.password_hash):
        raise AuthenticationError("原密码不正确")
    account.password_hash = hash_password(new_password)
    account.must_change_password = not own
    account.failed_logins = 0
    account.locked_until = None
    account.version += 1
    account.updated_at = _now(None)
    session.flush()
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


def authenticate(
    session: Session, name: str, password: str | None, now: datetime | None = None
) -> Account:
    """The account when the password is right; counts failures and locks after five.

    Failure bookkeeping is flushed, not committed: `login` commits it.
    """
    now = _now(now)
    account = session.scalar(select(Account).where(Account.name == name))
    if account is None:
        raise AuthenticationError(f"找不到账号“{name}”")
    if not account.active:
        raise AuthenticationError(f"账号“{name}”已停用")
    if account.locked_until is not None and account.locked_until > now:
        raise AuthenticationError(
            f"账号“{name}”因连续{MAX_FAILED_LOGINS}次密码错误已锁定，"
            f"请于{account.locked_until:%H:%M}后再试"
        )
    if account.password_hash is None:
        if account_count(session) == 1:
            return account
        raise AuthenticationError(
            f"账号“{name}”尚未设置密码，请管理员用 dangjian account password {name} 设置"
        )
    if password is None:
        raise AuthenticationError(f"请输入账号“{name}”的密码（DANGJIAN_PASSWORD 或提示输入）")
    if not verify_password(password, account.password_hash):
        account.failed_logins += 1
        if account.failed_logins >= MAX_FAILED_LOGINS:
            account.failed_logins = 0
            account.locked_until = now + timedelta(minutes=LOCK_MINUTES)
            session.flush()
            record(session, SYSTEM.name, "lock", ENTITY, account.id,
                   {"locked_until": [None, account.locked_until.isoformat()]},
                   f"连续{MAX_FAILED_LOGINS}次密码错误，锁定{LOCK_MINUTES}分钟", now)
            raise AuthenticationError(
                f"密码错误。账号“{name}”已连续{MAX_FAILED_LOGINS}次密码错误，"
                f"锁定{LOCK_MINUTES}分钟"
            )
        session.flush()
        left = MAX_FAILED_LOGINS - account.failed_logins
        raise AuthenticationError(f"账号“{name}”的密码错误（再错{left}次将锁定{LOCK_MINUTES}分钟）")
    if account.failed_logins or account.locked_until is not None:
        account.failed_logins = 0
        account.locked_until = None
        session.flush()
    return account


def login(
    session: Session, user: str | None, password: str | None = None, now: datetime | None = None
) -> Actor:
    """The checked account as an Actor; commits the first administrator and failure bookkeeping."""
    if ensure_first_admin(session) is not None:
        session.commit()
    if user is None:
        names = list(session.scalars(select(Account.name).limit(2)))
        if len(names) != 1:
            raise AuthenticationError("数据库中有多个账号，请用 --user 指定账号")
        user = names[0]
    try:
        account = authenticate(session, user.strip(), password, now)
    except AuthenticationError:
        session.commit()
        raise
    if session.dirty:
        session.commit()
    return Actor(account.name, account.role.value, account.scope_org_id)
