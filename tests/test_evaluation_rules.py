"""民主评议 as counties run it: 个人自评, the three blocking rules and their recorded exception, and
a 不合格 follow-up whose 除名 ends the membership."""

from __future__ import annotations

import json
from datetime import date

import pytest
from openpyxl import load_workbook

from models.actor import Actor
from models.errors import DomainError, PermissionDenied, ValidationError
from models.evaluation import FollowUpOutcome, RoundStatus
from models.services import evaluation as ev
from models.services.members import roster_rows
from reports.evaluation_xlsx import export_results
from tests.evaluation_helpers import add_members


@pytest.fixture
def democratic(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    add_members(session, actor, 6)
    return ev.open_round(session, actor, ev.find_scheme(session, "民主评议党员"), "2025", county.east)


def fill(session, actor, rnd, grades, voters=5, public=2, present=6):
    """Each member rated by the others (`voters`), the branch meeting recorded (6 full members, `present`
    of them, `public` raters), every 个人自评 not yet recorded recorded as done."""
    for row in ev.sheet_rows(session, rnd.id):
        if row.self_done is None:
            ev.record_self_assessment(session, actor, row.sheet_id, None, True, "按时参加组织生活")
    ev.record_meeting(session, actor, rnd.id, ev.sheet_rows(session, rnd.id)[0].org_id, {
        "held_on": "2026-01-08", "expected": 6, "present": present,
        "absent_note": "外出务工请假" if present < 6 else None, "public_invited": public, "public_present": public})
    for row, grade in zip(ev.sheet_rows(session, rnd.id), grades, strict=True):
        votes = {"党员互评": {"votes": {grade: voters}}}
        if public:
            votes["群众评议"] = {"votes": {grade: public}}
        ev.enter_scores(session, actor, row.sheet_id, row.version, raters=votes)


def post(session, actor, rnd):
    ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
    ev.set_status(session, actor, rnd.id, None, RoundStatus.POSTED, date(2026, 1, 5))


def test_self_assessment_is_recorded_per_member(session, actor, democratic, tmp_path):
    rows = ev.sheet_rows(session, democratic.id)
    with pytest.raises(ValidationError, match="自评摘要：已完成自评时必填"):
        ev.record_self_assessment(session, actor, rows[0].sheet_id, None, True, " ")
    ev.record_self_assessment(session, actor, rows[0].sheet_id, None, True, "带头参加村级公益事业，学习还不够系统")
    ev.record_self_assessment(session, actor, rows[1].sheet_id, None, False, "外出务工，未能参加")
    rows = ev.sheet_rows(session, democratic.id)
    assert (rows[0].self_done, rows[1].self_done, rows[2].self_done) == (True, False, None)
    defn = ev.definition_of(democratic.scheme)
    assert ev.self_assessment_note(defn, rows) == "个人自评：已完成1人，未完成1人，未记录4人"
    fill(session, actor, democratic, ["优秀", "优秀"] + ["合格"] * 4)
    export_results(session, actor, democratic.id, tmp_path / "r.xlsx")
    ws = load_workbook(tmp_path / "r.xlsx")["评价结果"]
    header = [c.value for c in ws[1]]
    assert header[-2:] == ["个人自评", "自评摘要"]
    assert [c.value for c in ws[2]][-2:] == ["已完成", "带头参加村级公益事业，学习还不够系统"]


def test_excellent_over_a_third_blocks_locking_until_an_exception_is_recorded(session, actor, democratic, tmp_path):
    fill(session, actor, democratic, ["优秀"] * 3 + ["合格"] * 3)
    post(session, actor, democratic)
    with pytest.raises(DomainError, match="不符合评议规则，不能确定结果：红星村党支部：优秀3个，超过参评6个的三分之一"):
        ev.lock_round(session, actor, democratic.id, today=date(2026, 1, 20))
    with pytest.raises(ValidationError, match="决定机关：必填"):
        ev.override_rules(session, actor, democratic.id, None, "三名党员抗洪中表现突出", "")
    with pytest.raises(PermissionDenied):
        ev.override_rules(session, Actor("东城镇", "乡镇办事员", democratic.scope_org_id), democratic.id, None,
                          "x", "y")
    ev.override_rules(session, actor, democratic.id, None, "三名党员抗洪中表现突出", "东城镇党委会议")
    ev.lock_round(session, actor, democratic.id, today=date(2026, 1, 20))
    assert democratic.status is RoundStatus.LOCKED
    export_results(session, actor, democratic.id, tmp_path / "r.xlsx")
    lines = [r[0] for r in load_workbook(tmp_path / "r.xlsx")["提示"].iter_rows(values_only=True)]
    assert "规则例外：三名党员抗洪中表现突出（决定机关：东城镇党委会议）" in lines


def test_turnout_under_95_percent_blocks_locking(session, actor, democratic):
    fill(session, actor, democratic, ["合格"] * 6, voters=4, present=5)
    post(session, actor, democratic)
    with pytest.raises(DomainError, match="红星村党支部：支部党员大会应到6人，实到5人，参评率83.3%，低于95%"):
        ev.lock_round(session, actor, democratic.id, today=date(2026, 1, 20))


def test_too_few_or_no_public_raters_block_locking(session, actor, democratic):
    fill(session, actor, democratic, ["合格"] * 6, public=1)
    post(session, actor, democratic)
    with pytest.raises(DomainError, match="到会群众1人，少于党员人数的20%（党员6人，至少2人）"):
        ev.lock_round(session, actor, democratic.id, today=date(2026, 1, 20))
    ev.set_status(session, actor, democratic.id, None, RoundStatus.DRAFT)
    fill(session, actor, democratic, ["合格"] * 6, public=0)
    assert ev.round_breaches(session, democratic.id) == [
        "红星村党支部：没有群众参评（到会群众应不少于党员人数的20%，党员6人，至少2人）"]


def test_followup_removal_ends_the_membership(session, actor, county, democratic):
    fill(session, actor, democratic, ["合格"] * 5 + ["不合格"])
    post(session, actor, democratic)
    ev.lock_round(session, actor, democratic.id, today=date(2026, 1, 20))
    [f] = ev.followups(session, actor)
    with pytest.raises(ValidationError, match="限期改正至2027-01-20，期满前作出“除名”须写明理由"):
        ev.resolve_followup(session, actor, f.id, f.version, FollowUpOutcome.REMOVED, date(2026, 3, 1))
    ev.resolve_followup(session, actor, f.id, f.version, FollowUpOutcome.REMOVED, date(2026, 3, 1),
                        "拒不参加组织生活，经支部大会讨论除名")
    session.commit()
    assert ev.followups(session, actor) == []
    ended = roster_rows(session, actor, status="ended")
    assert [(r[1], r[16]) for r in ended] == [(f.member_name, date(2026, 3, 1))]
    from models.member import Member

    member = session.get(Member, ended[0][0])
    assert (member.end_reason.value, member.ended_on) == ("除名", date(2026, 3, 1))
    with pytest.raises(DomainError, match="已于2026-03-01处理"):
        ev.resolve_followup(session, actor, f.id, None, FollowUpOutcome.CORRECTED, date(2027, 2, 1))


def test_self_assessment_through_the_fill_in_workbook(session, actor, democratic, tmp_path):
    from reports import evaluation_xlsx as ex

    path = tmp_path / "fill.xlsx"
    ex.export_fill_sheets(session, actor, democratic.id, path)
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[-4:] == ["个人自评", "自评摘要", "总分", "等次"]
    col = {h: i + 1 for i, h in enumerate(header)}
    for r in range(2, 8):
        ws.cell(row=r, column=col["党员互评-合格"], value=6)
        ws.cell(row=r, column=col["群众评议-合格"], value=2)
        ws.cell(row=r, column=col["个人自评"], value="已完成")
        ws.cell(row=r, column=col["自评摘要"], value="按时参加组织生活")
    ws.cell(row=3, column=col["自评摘要"]).value = None
    ws.cell(row=4, column=col["个人自评"], value="做了")
    wb.save(path)
    result = ex.import_fill_sheets(session, actor, path)
    assert [str(e) for e in result.errors] == ["第3行 自评摘要：已完成自评时必填",
                                              "第4行 个人自评“做了”：应填“已完成”或“未完成”"]
    assert not result.written
    ws.cell(row=3, column=col["自评摘要"], value="学习不够系统")
    ws.cell(row=4, column=col["个人自评"], value="未完成")
    wb.save(path)
    result = ex.import_fill_sheets(session, actor, path)
    assert result.errors == [] and result.imported == 6
    rows = ev.sheet_rows(session, democratic.id)
    assert [r.self_done for r in rows] == [True, True, False, True, True, True]
    assert rows[1].self_summary == "学习不够系统"


def test_meetings_recorded_together_are_those_recorded_one_by_one(session, actor, county, democratic):
    """record_meetings (the demo county's branches at once) writes the meeting and its audit row as
    record_meeting does; a refused meeting among them writes none."""
    from sqlalchemy import select

    from models.audit import AuditEntry
    from models.evaluation import EvaluationMeeting

    org_id = ev.sheet_rows(session, democratic.id)[0].org_id
    meeting = {"held_on": "2026-01-08", "expected": 6, "present": 5, "absent_note": "外出务工请假",
               "public_invited": 3, "public_present": 2}
    with pytest.raises(ValidationError):
        ev.record_meetings(session, actor, democratic.id, {org_id: {**meeting, "present": 7}})
    assert session.scalars(select(EvaluationMeeting)).all() == []
    [row] = ev.record_meetings(session, actor, democratic.id, {org_id: meeting})
    assert (row.org_id, row.held_on, row.expected, row.present, row.absent_note) == \
        (org_id, date(2026, 1, 8), 6, 5, "外出务工请假")
    audit = session.scalars(select(AuditEntry).where(AuditEntry.entity == "evaluation_meeting")).all()
    assert [(a.action, a.entity_id, a.note) for a in audit] == [("create", row.id, "红星村党支部支部党员大会：应到6人，实到5人")]
    assert json.loads(audit[0].changes) == {  # its fields as [None, value], as audit_created writes them
        "id": [None, row.id], "round_id": [None, democratic.id], "org_id": [None, org_id], "held_on": [None, "2026-01-08"],
        "expected": [None, 6], "present": [None, 5], "absent_note": [None, "外出务工请假"],
        "public_invited": [None, 3], "public_present": [None, 2]}
    ev.record_meetings(session, actor, democratic.id, {org_id: {**meeting, "present": 6, "absent_note": None}})
    assert row.present == 6 and session.scalar(select(AuditEntry.note).order_by(AuditEntry.id.desc())) == "支部党员大会"
