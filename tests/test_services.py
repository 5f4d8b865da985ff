"""Organizations and members through the services, on SQLite and PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import select

from models.audit import AuditEntry
from models.enums import EndReason, Gender, OrgKind, OrgStatus
from models.errors import ConflictError, DomainError, ValidationError
from models.member import Member
from models.services import members as ms
from models.services import orgs as os_
from tests.factories import member_values


def audit_for(session, entity, entity_id):
    return session.scalars(
        select(AuditEntry).where(AuditEntry.entity == entity, AuditEntry.entity_id == entity_id)
        .order_by(AuditEntry.id)
    ).all()


def test_create_member_derives_sex_and_birth_and_audits(session, actor, county):
    m = ms.create_member(session, actor, member_values(2))
    session.commit()
    assert m.gender == Gender.MALE
    assert m.birth_date.year == 1972
    assert m.name_initials.startswith("z")
    [entry] = audit_for(session, "member", m.id)
    assert entry.action == "create" and entry.account == "测试员"
    assert entry.changed["name"] == [None, m.name]


def test_update_is_audited_old_to_new_and_checks_the_version(session, actor, county):
    m = ms.create_member(session, actor, member_values(3))
    session.commit()
    ms.update_member(session, actor, m.id, {"phone": "13912345678"}, expected_version=1)
    session.commit()
    entry = audit_for(session, "member", m.id)[-1]
    assert entry.action == "update"
    assert entry.changed == {"phone": ["13800000003", "13912345678"]}
    with pytest.raises(ConflictError, match="已被其他办事员修改"):
        ms.update_member(session, actor, m.id, {"phone": "13900000000"}, expected_version=1)


def test_transfer_keeps_the_history_and_is_audited(session, actor, county):
    m = ms.create_member(session, actor, member_values(4))
    session.commit()
    ms.transfer_member(session, actor, m.id, county.school.id, date(2025, 3, 1), "工作调动")
    session.commit()
    history = ms.placements(session, m.id)
    assert [(p.org_id, p.end_on) for p in history] == [
        (county.village.id, date(2025, 3, 1)),
        (county.school.id, None),
    ]
    entry = audit_for(session, "member", m.id)[-1]
    assert entry.action == "transfer"
    assert entry.changed == {"org_id": [county.village.id, county.school.id]}


def test_end_of_membership_keeps_the_record(session, actor, county):
    m = ms.create_member(session, actor, member_values(5))
    session.commit()
    ms.end_membership(session, actor, m.id, date(2025, 6, 1), EndReason.DEATH, "病故")
    session.commit()
    kept = session.get(Member, m.id)
    assert kept.ended_on == date(2025, 6, 1) and kept.end_reason == EndReason.DEATH
    assert audit_for(session, "member", m.id)[-1].action == "end"
    # the ID number is free again for a current record, the ended one stays
    ms.create_member(session, actor, member_values(5, name="新记录"))
    session.commit()


def test_invalid_member_names_every_field_and_writes_nothing(session, actor, county):
    bad = member_values(6, id_number="110105194912310021", joined_on=date(2030, 1, 1), full_on=None,
                        org_id="不存在的支部", phone="12345")
    with pytest.raises(ValidationError) as info:
        ms.create_member(session, actor, bad)
    fields = {e.field for e in info.value.errors}
    assert fields == {"公民身份号码", "所在党支部", "加入党组织日期", "联系电话"}
    session.rollback()
    assert session.scalar(select(Member.id)) is None


def test_sex_given_must_agree_with_the_id_number(session, actor, county):
    with pytest.raises(ValidationError, match="性别：与公民身份号码不符"):
        ms.create_member(session, actor, member_values(8, gender="女"))


def test_duplicate_current_id_number_is_refused(session, actor, county):
    ms.create_member(session, actor, member_values(7))
    with pytest.raises(ValidationError, match="与现有党员重复"):
        ms.create_member(session, actor, member_values(7, name="别人"))


def test_org_create_move_dissolve_are_audited(session, actor, county):
    org = os_.create_org(session, actor, name="中共东城镇新建村支部委员会", kind=OrgKind.BRANCH,
                         parent_id=county.east.id)
    session.commit()
    assert org.path == f"{county.east.path}{org.id}/"
    assert os_.township_of(session, org).id == county.east.id
    os_.move_org(session, actor, org.id, county.west.id)
    session.commit()
    org = session.get(type(org), org.id)
    assert org.path == f"{county.west.path}{org.id}/"
    os_.dissolve_org(session, actor, org.id, date(2026, 1, 1), "合并")
    session.commit()
    assert org.status == OrgStatus.DISSOLVED
    actions = [e.action for e in audit_for(session, "organization", org.id)]
    assert actions == ["create", "move", "dissolve"]


def test_moving_an_org_moves_its_subtree(session, actor, county):
    os_.move_org(session, actor, county.village.id, county.community.id)
    session.commit()
    with pytest.raises(DomainError, match="自己的下级"):
        os_.move_org(session, actor, county.community.id, county.village.id)


def test_dissolving_an_org_with_members_is_refused(session, actor, county):
    ms.create_member(session, actor, member_values(9))
    with pytest.raises(DomainError, match="还有1名党员"):
        os_.dissolve_org(session, actor, county.village.id, date(2026, 1, 1))


def test_find_org_by_unique_short_name(session, actor, county):
    assert os_.find_org(session, "红星村党支部", actor).id == county.village.id
    with pytest.raises(DomainError, match="找不到党组织“无名”"):
        os_.find_org(session, "无名", actor)


def test_structure_warnings(session, actor, county):
    for n in range(2):
        ms.create_member(session, actor, member_values(20 + n))
    session.commit()
    messages = {(w.org_name, w.message) for w in os_.structure_warnings(session, actor, date(2026, 11, 1))}
    assert ("中共东城镇红星村支部委员会", "正式党员2名，少于3名") in messages
    assert ("中共东城镇红星村支部委员会", "届期已于2026-05-01届满，应换届") in messages
