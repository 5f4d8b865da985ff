"""Evaluations that stand up to review (docs/evaluation-rules.md): the branch meeting recorded and
read by the turnout rule, 自评 before grading, refusals that name the rows before any confirmation,
预备党员 never blocking a step, and no period after the current year."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from models.errors import DomainError, ValidationError
from models.evaluation import RoundStatus
from models.services import evaluation as ev
from tests.evaluation_helpers import add_members, prepare_democratic


@pytest.fixture
def nine(session, actor, county):
    """A branch of 9 full members in a 民主评议 round."""
    ev.ensure_builtin_schemes(session, actor)
    add_members(session, actor, 9)
    return ev.open_round(session, actor, ev.find_scheme(session, "民主评议党员"), "2025", county.east)


def rate_each_other(session, actor, rnd, excellent=0):
    """Each member rated by the other 8 (votes received: 8), 2 public raters."""
    for i, row in enumerate(ev.sheet_rows(session, rnd.id)):
        grade = "优秀" if i < excellent else "合格"
        ev.enter_scores(session, actor, row.sheet_id, row.version,
                        raters={"党员互评": {"votes": {grade: 8}}, "群众评议": {"votes": {grade: 2}}})
    session.commit()


def review_and_post(session, actor, rnd):
    ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
    ev.set_status(session, actor, rnd.id, None, RoundStatus.POSTED, date(2026, 1, 5))


def test_all_nine_present_each_rating_the_other_eight_is_full_turnout_and_locks(session, actor, nine):
    prepare_democratic(session, actor, nine)
    rate_each_other(session, actor, nine, excellent=3)
    [meeting] = ev.meetings_of(session, nine.id).values()
    assert meeting.turnout_text() == "2026-01-08 应到9人，实到9人，参评率100.0%，到会群众2人（邀请2人）"
    assert ev.round_breaches(session, nine.id) == []
    review_and_post(session, actor, nine)
    assert ev.step_refusal(session, actor, nine.id, RoundStatus.LOCKED, date(2026, 1, 20)) is None
    ev.lock_round(session, actor, nine.id, today=date(2026, 1, 20))
    assert nine.status is RoundStatus.LOCKED


def test_eight_of_nine_present_is_refused_naming_the_rule_and_the_figures(session, actor, nine):
    prepare_democratic(session, actor, nine, present=8, absent_note="张伟10外出务工请假")
    rate_each_other(session, actor, nine)
    review_and_post(session, actor, nine)
    refusal = ev.step_refusal(session, actor, nine.id, RoundStatus.LOCKED, date(2026, 1, 20))
    assert refusal == ("不符合评议规则，不能确定结果：红星村党支部：支部党员大会应到9人，实到8人，参评率88.9%，"
                       "低于95%（党员参评率不低于95%）。请纠正后重新公示，或由决定机关记录例外理由和决定机关")
    with pytest.raises(DomainError) as exc:
        ev.lock_round(session, actor, nine.id, today=date(2026, 1, 20))
    assert str(exc.value) == refusal


def test_the_meeting_figures_are_checked(session, actor, nine):
    org_id = ev.sheet_rows(session, nine.id)[0].org_id
    with pytest.raises(ValidationError) as exc:
        ev.record_meeting(session, actor, nine.id, org_id, {"held_on": "", "expected": 9, "present": 10,
                                                             "public_invited": 1, "public_present": 2})
    assert [str(e) for e in exc.value.errors] == ["会议日期：必填"]
    with pytest.raises(ValidationError) as exc:
        ev.record_meeting(session, actor, nine.id, org_id, {"held_on": "2026-01-08", "expected": 9, "present": 10,
                                                             "public_invited": 1, "public_present": 2})
    assert [str(e) for e in exc.value.errors] == ["实到：10人多于应到9人", "到会群众：2人多于邀请的1人"]
    with pytest.raises(ValidationError, match="请假人员及原因：实到少于应到（缺1人）时必填"):
        ev.record_meeting(session, actor, nine.id, org_id, {"held_on": "2026-01-08", "expected": 9, "present": 8})
    ev.record_meeting(session, actor, nine.id, org_id, {"held_on": "2026-01-08", "expected": 9, "present": 9,
                                                         "public_invited": 3, "public_present": 2})
    ev.record_meeting(session, actor, nine.id, org_id, {"held_on": "2026-01-09", "expected": 9, "present": 9,
                                                         "public_invited": 3, "public_present": 3})
    [meeting] = ev.meetings_of(session, nine.id).values()  # corrected, not doubled
    assert (meeting.held_on, meeting.public_present) == (date(2026, 1, 9), 3)


def test_no_grade_without_self_assessment_and_excellent_refused_naming_the_member(session, actor, nine):
    rows = ev.sheet_rows(session, nine.id)
    rate_each_other(session, actor, nine, excellent=1)
    row = ev.sheet_rows(session, nine.id)[0]
    assert (ev.display_score(row.total), row.computed_level, row.final_level) == ("100.0", None, None)
    warnings = ev.round_warnings(session, nine.id)
    assert warnings[-1].startswith(f"没有个人自评，不评定等次：“{rows[0].subject_name}”、")
    assert warnings[-1].endswith("（共9人）")
    with pytest.raises(ValidationError, match=f"最终等次：“{rows[0].subject_name}”没有个人自评，不评定等次"):
        ev.override_level(session, actor, row.sheet_id, row.version, "优秀", "抗洪表现突出", "支部党员大会")
    ev.record_self_assessment(session, actor, row.sheet_id, None, True, "带头参加抗洪抢险")
    row = ev.sheet_rows(session, nine.id)[0]
    assert (row.computed_level, row.final_level) == ("优秀", "优秀")  # graded once the 自评 is in


def test_the_setting_can_turn_self_before_grading_off(session, actor, nine):
    from models.settings import set_setting

    set_setting(session, "evaluation_self_before_grading", "0")
    rate_each_other(session, actor, nine)
    assert ev.compute_round(session, actor, nine.id) == 0
    assert {r.final_level for r in ev.sheet_rows(session, nine.id)} == {"合格"}


def test_review_is_not_held_up_by_probationary_members(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    add_members(session, actor, 3)
    add_members(session, actor, 2, start=40, probationary=2)
    rnd = ev.open_round(session, actor, ev.find_scheme(session, "民主评议党员"), "2025", county.east)
    prepare_democratic(session, actor, rnd)
    rows = ev.sheet_rows(session, rnd.id)
    full = [r for r in rows if r.graded]
    for row in full:  # only the full members' votes entered: the 预备党员 have no totals
        ev.enter_scores(session, actor, row.sheet_id, row.version,
                        raters={"党员互评": {"votes": {"合格": 4}}, "群众评议": {"votes": {"合格": 1}}})
    assert ev.step_refusal(session, actor, rnd.id, RoundStatus.REVIEWED) is None
    ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
    assert rnd.status is RoundStatus.REVIEWED


def test_review_refused_naming_the_two_members_lacking_totals(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    add_members(session, actor, 4)
    add_members(session, actor, 1, start=40, probationary=1)
    rnd = ev.open_round(session, actor, ev.find_scheme(session, "民主评议党员"), "2025", county.east)
    prepare_democratic(session, actor, rnd)
    rows = [r for r in ev.sheet_rows(session, rnd.id) if r.graded]
    for row in rows[2:]:
        ev.enter_scores(session, actor, row.sheet_id, row.version,
                        raters={"党员互评": {"votes": {"合格": 4}}, "群众评议": {"votes": {"合格": 1}}})
    expected = (f"不能审核：2张评价表没有得出总分：“{rows[0].subject_name}”、“{rows[1].subject_name}”（共2人）")
    assert ev.step_refusal(session, actor, rnd.id, RoundStatus.REVIEWED) == expected
    with pytest.raises(DomainError) as exc:
        ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
    assert str(exc.value) == expected


def test_names_are_the_first_ten_and_the_count():
    names = [f"党员{i}" for i in range(1, 24)]
    text = ev.names_text(names)
    assert text.startswith("“党员1”、“党员2”") and text.endswith("“党员10”等23人")
    assert ev.names_text(["甲", "乙"]) == "“甲”、“乙”（共2人）"


def test_a_period_after_the_current_year_is_refused(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    scheme = ev.find_scheme(session, "星级党支部")
    with pytest.raises(ValidationError, match="“2027”在本年度（2026年）之后，不能开启未来的评价周期"):
        ev.open_round(session, actor, scheme, "2027", county.east, today=date(2026, 12, 6))
    assert ev.open_round(session, actor, scheme, "2026", county.east, today=date(2026, 12, 6)).period == "2026"


def test_the_fill_in_workbook_carries_the_meeting_and_the_self_assessments(session, actor, nine, tmp_path):
    from openpyxl import load_workbook

    from reports import evaluation_xlsx as ex

    path = tmp_path / "fill.xlsx"
    ex.export_fill_sheets(session, actor, nine.id, path)
    wb = load_workbook(path)
    ws, meeting = wb["评价表"], wb["支部党员大会"]
    assert [c.value for c in meeting[1]] == ["党组织编号", "党支部", "会议日期", "应到（正式党员）", "实到",
                                             "请假人员及原因", "邀请群众", "到会群众"]
    assert [c.value for c in meeting[2]][1:] == ["红星村党支部", None, 9, None, None, None, None]
    header = [c.value for c in ws[1]]
    col = {h: i + 1 for i, h in enumerate(header)}
    for r in range(2, 11):
        ws.cell(row=r, column=col["党员互评-合格"], value=8)
        ws.cell(row=r, column=col["群众评议-合格"], value=2)
        ws.cell(row=r, column=col["个人自评"], value="已完成")
        ws.cell(row=r, column=col["自评摘要"], value="按时参加组织生活")
    for c, v in zip("CDEFGH", ["2026-01-08", 9, 10, None, 3, 2], strict=True):
        meeting[f"{c}2"] = v
    wb.save(path)
    result = ex.import_fill_sheets(session, actor, path)
    assert [str(e) for e in result.errors] == ["第2行 支部党员大会·实到“10”：10人多于应到9人"]
    assert not result.written and ev.meetings_of(session, nine.id) == {}
    meeting["E2"] = 9
    wb.save(path)
    result = ex.import_fill_sheets(session, actor, path)
    assert result.errors == [] and result.imported == 9
    [m] = ev.meetings_of(session, nine.id).values()
    assert (m.expected, m.present, m.public_invited, m.public_present) == (9, 9, 3, 2)
    assert {r.final_level for r in ev.sheet_rows(session, nine.id)} == {"合格"}
    assert ev.round_breaches(session, nine.id) == []


def test_a_long_list_of_reasons_shows_the_first_ten_and_the_count():
    lines = [f"第{i}支部：未记录支部党员大会" for i in range(1, 13)]
    text = ev.first_ten(lines)
    assert text.startswith("第1支部：未记录支部党员大会；第2支部") and text.endswith("第10支部：未记录支部党员大会……共12条")
    assert ev.first_ten(lines[:2]) == "第1支部：未记录支部党员大会；第2支部：未记录支部党员大会"


def test_the_results_workbook_shows_the_meetings_as_recorded(session, actor, nine, tmp_path):
    from openpyxl import load_workbook

    from reports.evaluation_xlsx import export_results

    prepare_democratic(session, actor, nine, present=8, absent_note="张伟10外出务工请假")
    export_results(session, actor, nine.id, tmp_path / "r.xlsx")
    wb = load_workbook(tmp_path / "r.xlsx")
    assert [c.value for c in wb["支部党员大会"][2]][1:] == ["红星村党支部", datetime(2026, 1, 8),
                                                         9, 8, "张伟10外出务工请假", 2, 2]
    assert "红星村党支部：支部党员大会应到9人，实到8人，参评率88.9%，低于95%（党员参评率不低于95%）" in [
        r[0] for r in wb["提示"].iter_rows(values_only=True)]


def test_an_import_that_meets_another_clerks_change_names_the_sheets(session, actor, nine):
    from models.services.evaluation.entry import _changed_meanwhile

    rows = ev.sheet_rows(session, nine.id)
    params = [{"b_id": rows[0].sheet_id, "version": rows[0].version},  # as written by this import
              {"b_id": rows[1].sheet_id, "version": rows[1].version + 1}]  # changed meanwhile
    assert _changed_meanwhile(session, params) == [rows[1].subject_name]


def test_a_non_member_cadres_number_is_masked_in_the_audit_log(session, actor, county):
    from sqlalchemy import select

    from models.actor import Actor
    from models.audit import AuditEntry
    from models.services import cadres
    from models.services.auditlog import describe_changes
    from tests.factories import id_number

    number = id_number(903, date(1980, 2, 3))
    post = cadres.add_person_post(session, actor, "王五", number, county.village.id, "村委会委员", "2021-05-01")
    entry = session.scalar(select(AuditEntry).where(AuditEntry.entity == "cadre_post",
                                                    AuditEntry.entity_id == post.id))
    clerk = Actor("东城镇", "乡镇办事员", county.east.id)
    shown = {label: new for label, _old, new in describe_changes(entry, clerk)}
    assert shown["姓名（非党员）"] == "王五"
    assert shown["公民身份号码（非党员）"] == number[:6] + "********" + number[-4:]
    assert {label: new for label, _old, new in describe_changes(entry, actor)}["公民身份号码（非党员）"] == number
