"""恢复党籍: a mistaken 终止党籍 undone, a 停止党籍 lifted; on SQLite and PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.audit import AuditEntry
from models.enums import EndReason, PartyStatus
from models.errors import DomainError, PermissionDenied, ValidationError
from models.member import Member
from models.services import members as ms
from tests.factories import member_values


def test_reinstate_brings_the_member_back_to_the_branch(session, actor, county):
    m = ms.create_member(session, actor, member_values(5))
    ms.transfer_member(session, actor, m.id, county.community.id, date(2024, 3, 1), "工作调动")
    ms.end_membership(session, actor, m.id, date(2025, 6, 1), EndReason.SUSPENDED, "停止党籍一年")
    session.commit()
    assert m.party_status == PartyStatus.SUSPENDED
    ms.reinstate_member(session, actor, m.id, "停止党籍期满，恢复党籍", expected_version=m.version)
    session.commit()
    back = session.get(Member, m.id)
    assert (back.ended_on, back.end_reason, back.end_note) == (None, None, None)
    assert back.party_status == PartyStatus.NORMAL and back.org_id == county.community.id
    assert [(p.org_id, p.start_on, p.end_on) for p in ms.placements(session, m.id)] == [
        (county.village.id, m.joined_on, date(2024, 3, 1)),
        (county.community.id, date(2024, 3, 1), None),
    ]
    assert [x.name for x in ms.list_members(session, actor, county.community.id)] == [m.name]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "member", AuditEntry.entity_id == m.id)
                            .order_by(AuditEntry.id.desc())).first()
    assert entry.action == "reinstate" and entry.note == "停止党籍期满，恢复党籍"
    assert entry.changed["ended_on"] == ["2025-06-01", None]
    assert entry.changed["party_status"] == ["停止党籍", "正常"]


def test_a_death_entered_by_mistake_keeps_the_members_own_status(session, actor, county):
    m = ms.create_member(session, actor, member_values(6))
    ms.end_membership(session, actor, m.id, date(2025, 6, 1), EndReason.DEATH)
    ms.reinstate_member(session, actor, m.id, "误操作")
    assert m.ended_on is None and m.party_status == PartyStatus.NORMAL
    assert [p.end_on for p in ms.placements(session, m.id)] == [None]


def test_reinstate_is_refused_for_a_current_member_and_without_a_reason(session, actor, county):
    m = ms.create_member(session, actor, member_values(7))
    with pytest.raises(DomainError, match=f"“{m.name}”的党籍未终止"):
        ms.reinstate_member(session, actor, m.id, "误操作")
    ms.end_membership(session, actor, m.id, date(2025, 6, 1), EndReason.WITHDRAWN)
    with pytest.raises(ValidationError, match="恢复原因：必填"):
        ms.reinstate_member(session, actor, m.id, "  ")
    assert m.ended_on == date(2025, 6, 1)


def test_reinstate_is_refused_when_the_id_number_was_used_again(session, actor, county):
    old = ms.create_member(session, actor, member_values(8))
    ms.end_membership(session, actor, old.id, date(2025, 6, 1), EndReason.REMOVED)
    new = ms.create_member(session, actor, member_values(8, name="新记录", org="中心小学党支部"))
    session.commit()
    with pytest.raises(DomainError, match=f"在册党员“新记录”（中心小学党支部，编号{new.id}）"):
        ms.reinstate_member(session, actor, old.id, "误操作")
    assert session.get(Member, old.id).ended_on == date(2025, 6, 1)


def test_reinstate_is_refused_to_another_township_and_to_readers(session, actor, county):
    m = ms.create_member(session, actor, member_values(9))  # 红星村, 东城镇
    ms.end_membership(session, actor, m.id, date(2025, 6, 1), EndReason.DEATH)
    session.commit()
    with pytest.raises(PermissionDenied, match="只能处理本乡镇的数据"):
        ms.reinstate_member(session, Actor("西山乡", "乡镇办事员", county.west.id), m.id, "误操作")
    with pytest.raises(PermissionDenied, match="无权"):
        ms.reinstate_member(session, Actor("领导", "只读"), m.id, "误操作")
    ms.reinstate_member(session, Actor("东城镇", "乡镇办事员", county.east.id), m.id, "误操作")
    assert m.ended_on is None
