"""Accounts, login and who may do what, through the services (both engines)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from sqlalchemy import select

from models.account import Account, hash_password, verify_password
from models.actor import Actor
from models.audit import AuditEntry
from models.enums import EndReason, OrgKind
from models.errors import DomainError, PermissionDenied, ValidationError
from models.member import Member
from models.services import access, accounts, members, orgs
from models.services.auditlog import audit_entries
from tests.factories import member_values

ADMIN = Actor("测试员", "管理员")
COUNTY = Actor("县级甲", "县级办事员")
READER = Actor("领导", "只读")


def township(county) -> Actor:
    return Actor("东城镇办事员", "乡镇办事员", county.east.id)


# ---------------------------------------------------------------- passwords


def test_password_hash_format_and_verify():
    stored = hash_password("正确的密码1")
    scheme, n, r, p, salt, digest = stored.split("$")
    assert (scheme, n, r, p) == ("scrypt", "16384", "8", "1")
    assert verify_password("正确的密码1", stored)
    assert not verify_password("错误的密码", stored)
    assert hash_password("正确的密码1") != stored  # a random salt each time
    assert not verify_password("x", None)
    assert not verify_password("x", "garbage")


# ---------------------------------------------------------------- first run, login


def test_first_login_creates_the_administrator_without_password(session):
    actor = access.login(session, None)
    assert actor == Actor("管理员", "管理员", None)
    assert session.scalar(select(Account.name)) == "管理员"
    assert access.login(session, "管理员") == actor  # no password needed while alone
    assert accounts.needs_password(session, None) is False


def test_admin_must_set_a_password_before_adding_accounts(session, county):
    admin = access.login(session, None)
    with pytest.raises(DomainError, match="请先为“管理员”设置密码"):
        accounts.add_account(session, admin, "县级甲", "县级办事员")
    accounts.set_password(session, admin, "管理员", "admin-pass")
    accounts.add_account(session, admin, "县级甲", "县级办事员", password="clerk-init-1")
    session.commit()
    with pytest.raises(accounts.PasswordChangeRequired, match="account password 县级甲"):
        access.login(session, "县级甲", "clerk-init-1")  # the administrator chose it: change first
    me = access.login(session, "县级甲", "clerk-init-1", changing_password=True)
    with pytest.raises(ValidationError, match="须与管理员设置的密码不同"):
        accounts.set_password(session, me, "县级甲", "clerk-init-1", "clerk-init-1")
    accounts.set_password(session, me, "县级甲", "clerk-pass", "clerk-init-1")
    session.commit()
    with pytest.raises(PermissionDenied, match="请用 --user 指定账号"):
        access.login(session, None)
    with pytest.raises(PermissionDenied, match="密码"):
        access.login(session, "管理员")  # a password is needed now
    assert access.login(session, "管理员", "admin-pass").role == "管理员"
    assert access.login(session, "县级甲", "clerk-pass") == Actor("县级甲", "县级办事员", None)
    assert accounts.needs_password(session, "县级甲") is True


def _two_accounts(session, county):
    admin = access.login(session, None)
    accounts.set_password(session, admin, "管理员", "admin-pass")
    accounts.add_account(session, admin, "东城", "乡镇办事员", county.east.id, password="east-init-1")
    me = access.login(session, "东城", "east-init-1", changing_password=True)
    accounts.set_password(session, me, "东城", "east-pass", "east-init-1")
    session.commit()
    return admin


def test_five_failed_logins_lock_for_15_minutes(session, county):
    _two_accounts(session, county)
    t0 = datetime(2026, 11, 23, 9, 0, 0)
    for _ in range(4):
        with pytest.raises(PermissionDenied, match="^账号或密码不正确$"):
            access.login(session, "东城", "wrong", now=t0)
    with pytest.raises(PermissionDenied, match="锁定15分钟"):
        access.login(session, "东城", "wrong", now=t0)
    session.rollback()  # the count was committed by login, not lost with the caller's work
    assert session.scalar(select(Account.locked_until).where(Account.name == "东城")) == t0 + timedelta(minutes=15)
    with pytest.raises(PermissionDenied, match="已锁定，请于09:15后再试"):
        access.login(session, "东城", "east-pass", now=t0 + timedelta(minutes=14))
    actor = access.login(session, "东城", "east-pass", now=t0 + timedelta(minutes=15, seconds=1))
    assert actor.scope_org_id == county.east.id
    acc = session.scalar(select(Account).where(Account.name == "东城"))
    assert acc.failed_logins == 0 and acc.locked_until is None
    assert session.scalar(select(AuditEntry.note).where(AuditEntry.action == "lock")).startswith("连续5次密码错误")


def test_disabled_account_cannot_log_in_and_is_kept(session, county):
    admin = _two_accounts(session, county)
    accounts.disable_account(session, admin, "东城")
    session.commit()
    with pytest.raises(PermissionDenied, match="已停用"):
        access.login(session, "东城", "east-pass")
    assert session.scalar(select(Account.active).where(Account.name == "东城")) is False
    with pytest.raises(DomainError, match="最后一个管理员"):
        accounts.disable_account(session, admin, "管理员")


def test_password_never_reaches_the_audit_log(session, county):
    _two_accounts(session, county)
    text = " ".join(session.scalars(select(AuditEntry.changes)))
    assert "scrypt" not in text and "east-pass" not in text


def test_township_clerk_needs_a_township_scope(session, county):
    admin = _two_accounts(session, county)
    with pytest.raises(ValidationError, match="须指定所属乡镇"):
        accounts.add_account(session, admin, "甲", "乡镇办事员")
    with pytest.raises(ValidationError, match="不是乡镇级党组织"):
        accounts.add_account(session, admin, "乙", "乡镇办事员", county.village.id)
    with pytest.raises(ValidationError, match="不是有效角色"):
        accounts.add_account(session, admin, "丙", "书记")
    with pytest.raises(ValidationError, match="已存在"):
        accounts.add_account(session, admin, "东城", "只读")


def test_changing_own_password_needs_the_old_one(session, county):
    _two_accounts(session, county)
    me = access.login(session, "东城", "east-pass")
    with pytest.raises(PermissionDenied, match="原密码不正确"):
        accounts.set_password(session, me, "东城", "new-pass1", old_password="bad")
    accounts.set_password(session, me, "东城", "new-pass1", old_password="east-pass")
    session.commit()
    assert access.login(session, "东城", "new-pass1").name == "东城"
    with pytest.raises(PermissionDenied):
        accounts.set_password(session, me, "管理员", "hijack-1")
    with pytest.raises(ValidationError, match="至少8个字符"):
        accounts.set_password(session, me, "东城", "abc", old_password="new-pass1")


# ---------------------------------------------------------------- role × operation

WEST_MEMBER = 900
EAST_MEMBER = 901


@pytest.fixture
def people(session, county):
    east = members.create_member(session, ADMIN, member_values(EAST_MEMBER))
    west = members.create_member(session, ADMIN, member_values(WEST_MEMBER, org="中心小学党支部"))
    session.commit()
    return east.id, west.id


def op_create_east(s, a, c, p):
    members.create_member(s, a, member_values(1))


def op_create_west(s, a, c, p):
    members.create_member(s, a, member_values(2, org="中心小学党支部"))


def op_edit_east(s, a, c, p):
    members.update_member(s, a, p[0], {"phone": "13900000000"})


def op_edit_west(s, a, c, p):
    members.update_member(s, a, p[1], {"phone": "13900000000"})


def op_transfer_within_east(s, a, c, p):
    members.transfer_member(s, a, p[0], c.community.id, date(2026, 1, 5))


def op_transfer_east_to_west(s, a, c, p):
    members.transfer_member(s, a, p[0], c.school.id, date(2026, 1, 5))


def op_transfer_west(s, a, c, p):
    members.transfer_member(s, a, p[1], c.village.id, date(2026, 1, 5))


def op_end_west(s, a, c, p):
    members.end_membership(s, a, p[1], date(2026, 1, 5), EndReason.DEATH)


def op_read_west(s, a, c, p):
    members.get_member(s, p[1], a)


def op_find_west_org(s, a, c, p):
    orgs.find_org(s, "中心小学党支部", a)


def op_create_org_east(s, a, c, p):
    orgs.create_org(s, a, name="东城镇新村党支部", kind=OrgKind.BRANCH, parent_id=c.east.id)


def op_create_org_west(s, a, c, p):
    orgs.create_org(s, a, name="西山乡新村党支部", kind=OrgKind.BRANCH, parent_id=c.west.id)


def op_edit_org_west(s, a, c, p):
    orgs.update_org(s, a, c.school.id, secretary="李四")


def op_rename_county(s, a, c, p):
    orgs.ensure_county(s, a, "中共新县委员会", None)


def op_add_account(s, a, c, p):
    accounts.add_account(s, a, "新账号", "只读")


def op_list_accounts(s, a, c, p):
    accounts.list_accounts(s, a)


def op_audit(s, a, c, p):
    audit_entries(s, a)


# operation → allowed for (admin, county clerk, township clerk of 东城镇, read-only)
MATRIX = {
    op_create_east: (True, True, True, False),
    op_create_west: (True, True, False, False),
    op_edit_east: (True, True, True, False),
    op_edit_west: (True, True, False, False),
    op_transfer_within_east: (True, True, True, False),
    op_transfer_east_to_west: (True, True, False, False),
    op_transfer_west: (True, True, False, False),
    op_end_west: (True, True, False, False),
    op_read_west: (True, True, False, True),
    op_find_west_org: (True, True, False, True),
    op_create_org_east: (True, True, True, False),
    op_create_org_west: (True, True, False, False),
    op_edit_org_west: (True, True, False, False),
    op_rename_county: (True, False, False, False),  # settings are for 管理员 only (issue 15)
    op_add_account: (True, False, False, False),
    op_list_accounts: (True, False, False, False),
    op_audit: (True, True, False, False),
}
CASES = [
    pytest.param(op, i, allowed[i], id=f"{op.__name__[3:]}-{role}")
    for op, allowed in MATRIX.items()
    for i, role in enumerate(["admin", "county", "township", "readonly"])
]


@pytest.mark.parametrize(("op", "role_index", "allowed"), CASES)
def test_role_operation(session, county, people, op, role_index, allowed):
    actor = [ADMIN, COUNTY, township(county), READER][role_index]
    before = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    if allowed:
        op(session, actor, county, people)
        return
    with pytest.raises(PermissionDenied) as info:
        op(session, actor, county, people)
    assert "无权" in str(info.value) or "只能处理本乡镇的数据" in str(info.value)
    session.flush()
    after = session.scalar(select(AuditEntry.id).order_by(AuditEntry.id.desc()).limit(1))
    assert after == before  # nothing written


def test_township_lists_only_their_township_with_masked_ids(session, county, people):
    clerk = township(county)
    listed = members.list_members(session, clerk)
    assert [m.id for m in listed] == [people[0]]
    number = listed[0].id_number
    assert access.shown_id(clerk, number) == number[:6] + "********" + number[-4:]
    assert access.shown_id(COUNTY, number) == number
    assert access.shown_id(READER, number) != number
    assert {o.id for o in orgs.list_orgs(session, clerk)} == {county.east.id, county.village.id, county.community.id}
    assert len(members.list_members(session, READER)) == 2


def test_audit_entries_filters(session, county, people):
    rows = audit_entries(session, ADMIN, entity="member", entity_id=people[1])
    assert [r.action for r in rows] == ["create"]
    assert rows[0].changed["name"] == [None, session.get(Member, people[1]).name]
    assert audit_entries(session, ADMIN, account="nobody") == []
    assert audit_entries(session, ADMIN, since=date.today() + timedelta(days=1)) == []
    assert len(audit_entries(session, ADMIN, until=date.today(), entity="member")) == 2
