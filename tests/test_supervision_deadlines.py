"""Issue 12: a 督办函 gives its problems their time from its issue date; a 预警函 comes only after
that time ran out and names the 督办函 by number; the 督办函 threshold is a setting."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models.audit import AuditEntry
from models.errors import DomainError
from models.services import supervision as sv
from models.settings import set_setting
from models.supervision import LetterKind, Severity
from reports.letters import table_rows
from tests.supervision_factories import problem

SUP_TITLE = "关于督促整改基层党建工作问题的工作督办函"


def _supervise(session, actor, month, on, as_of=None):
    drafts = [x for x in sv.draft_letters(session, actor, month, as_of=as_of or on)
              if x.kind == LetterKind.SUPERVISION]
    return sv.issue_letters(session, actor, [x.id for x in drafts], on=on, reason="补录")


@pytest.mark.parametrize(("issued", "expected"), [
    (date(2026, 3, 16), date(2026, 4, 1)),  # issue + 15 = 3-31: the problem's own later deadline kept
    (date(2026, 3, 17), date(2026, 4, 1)),  # issue + 15 = 4-1: the same day
    (date(2026, 3, 18), date(2026, 4, 2)),  # issue + 15 = 4-2: the letter's time
])
def test_ordinary_deadline_boundary(sqlite_db, actor, issued, expected):
    from tests.factories import build_county

    with sqlite_db.session() as s:
        county = build_county(s, actor)
        p = problem(s, actor, county.village, found_on=date(2026, 3, 1), deadline=date(2026, 4, 1))
        (letter,) = _supervise(s, actor, "2026-03", issued)
        assert p.deadline == expected and p.deadline > letter.issued_on
        assert table_rows(letter)[1][0][-1] == f"{expected.year}年{expected.month}月{expected.day}日"


@pytest.mark.parametrize(("issued", "expected"), [
    (date(2026, 3, 9), date(2026, 3, 17)),   # issue + 7 = 3-16: the problem's own 3-17 kept
    (date(2026, 3, 10), date(2026, 3, 17)),  # issue + 7 = 3-17
    (date(2026, 3, 11), date(2026, 3, 18)),  # issue + 7 = 3-18
])
def test_serious_deadline_boundary(sqlite_db, actor, issued, expected):
    from tests.factories import build_county

    with sqlite_db.session() as s:
        county = build_county(s, actor)
        p = problem(s, actor, county.village, found_on=date(2026, 3, 1), deadline=date(2026, 3, 17),
                    severity=Severity.SERIOUS)
        _supervise(s, actor, "2026-03", issued)
        assert p.deadline == expected


def test_a_late_letter_never_prints_a_passed_deadline_and_audits_the_change(session, actor, county):
    ordinary = problem(session, actor, county.village, found_on=date(2026, 3, 1))  # own: 3-16
    serious = problem(session, actor, county.community, found_on=date(2026, 3, 2), severity=Severity.SERIOUS,
                      description="发展党员程序不规范")  # own: 3-9
    (draft,) = [x for x in sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 31))
                if x.kind == LetterKind.SUPERVISION]
    # the draft shows the deadlines it would give, the problems keep theirs until it is issued
    assert sv.letter_deadlines(session, draft, on=date(2026, 4, 2)) == {
        ordinary.id: date(2026, 4, 17), serious.id: date(2026, 4, 9)}
    assert [r[-1] for r in table_rows(draft)[1]] == ["2026年4月15日", "2026年4月7日"]  # as of 3-31
    assert ordinary.deadline == date(2026, 3, 16)
    (letter,) = sv.issue_letters(session, actor, [draft.id], on=date(2026, 3, 31), reason="补录")
    assert (ordinary.deadline, serious.deadline) == (date(2026, 4, 15), date(2026, 4, 7))
    assert [r[-1] for r in table_rows(letter)[1]] == ["2026年4月15日", "2026年4月7日"]
    row = session.scalars(select(AuditEntry).where(AuditEntry.entity == "problem",
                                                   AuditEntry.entity_id == ordinary.id,
                                                   AuditEntry.action == "deadline")).one()
    assert row.changed == {"deadline": ["2026-03-16", "2026-04-15"]}
    assert "某组督〔2026〕1号" in row.note


def test_a_warning_only_after_the_letters_time_naming_the_letter(session, actor, county):
    late = problem(session, actor, county.village, found_on=date(2026, 3, 1), description="支部换届超期")
    (sup,) = _supervise(session, actor, "2026-03", date(2026, 3, 31))
    assert sup.number == "某组督〔2026〕1号" and late.deadline == date(2026, 4, 15)
    # under the old rule the problem was overdue from 3-17: now nothing until the letter's time ran out
    assert sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 1)) == []
    assert sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 15)) == []
    (warning,) = sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 16))
    assert warning.kind == LetterKind.WARNING and [p.id for p in warning.problems] == [late.id]
    assert (f"你单位在《{SUP_TITLE}》（某组督〔2026〕1号）中督办的下列1个问题已超过督办函规定的整改时限"
            in warning.body)
    with pytest.raises(DomainError, match="整改时限为2026年4月15日（某组督〔2026〕1号），签发日期应晚于该日"):
        sv.issue_letters(session, actor, [warning.id], on=date(2026, 4, 15), reason="补录")
    (issued,) = sv.issue_letters(session, actor, [warning.id], on=date(2026, 4, 16), reason="补录")
    assert issued.number == "某组警〔2026〕1号"
    assert "（某组督〔2026〕1号）中督办的下列1个问题" in issued.body


def test_a_warning_names_each_supervision_letter_it_follows(session, actor, county):
    a = problem(session, actor, county.village, found_on=date(2026, 3, 1), description="支部换届超期")
    _supervise(session, actor, "2026-03", date(2026, 3, 20))
    b = problem(session, actor, county.village, found_on=date(2026, 4, 1), description="党费收缴不及时")
    _supervise(session, actor, "2026-04", date(2026, 4, 2))
    (warning,) = sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 30))
    assert {p.id for p in warning.problems} == {a.id, b.id}
    assert f"《{SUP_TITLE}》（某组督〔2026〕1号）、《{SUP_TITLE}》（某组督〔2026〕2号）中督办的下列2个问题" in warning.body
    followed = sv.supervision_letters_of(session, [a.id, b.id])
    assert (followed[a.id].number, followed[b.id].number) == ("某组督〔2026〕1号", "某组督〔2026〕2号")


def _kinds(letters):
    return sorted((x.kind.value, x.recipient.short_name, len(x.problems)) for x in letters)


def test_threshold_three_ordinary_or_one_serious(session, actor, county):
    set_setting(session, "supervision_min_ordinary", "3")
    set_setting(session, "supervision_min_serious", "1")
    for i in range(2):  # 东城镇: 2 一般, below the threshold
        problem(session, actor, county.village, found_on=date(2026, 3, 3 + i), description=f"一般问题{i}")
    problem(session, actor, county.school, severity=Severity.SERIOUS, description="严重问题")  # 西山乡: 1 严重
    march = sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 31))
    assert _kinds(march) == [("督办函", "西山乡党委", 1)]
    assert sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 31)) == []  # idempotent
    sv.issue_letters(session, actor, [x.id for x in march], on=date(2026, 3, 31), reason="补录")
    # April: one more 一般 in 东城镇 makes three with the two left from March
    problem(session, actor, county.community, found_on=date(2026, 4, 2), description="一般问题2")
    april = sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 5))
    assert _kinds(april) == [("督办函", "东城镇党委", 3)]
    assert [p.description for p in april[0].problems] == ["一般问题0", "一般问题1", "一般问题2"]
    assert sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 5)) == []  # idempotent


def test_threshold_three_a_closed_problem_below_it_is_not_carried(session, actor, county):
    set_setting(session, "supervision_min_ordinary", "3")
    p = problem(session, actor, county.village, found_on=date(2026, 3, 3))
    assert sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 31)) == []
    sv.close_problem(session, actor, p.id, report="已整改", verifier="李四", on=date(2026, 3, 25))
    problem(session, actor, county.village, found_on=date(2026, 4, 2), description="a")
    problem(session, actor, county.village, found_on=date(2026, 4, 3), description="b")
    assert sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 10)) == []
    problem(session, actor, county.village, found_on=date(2026, 4, 4), description="c")
    assert _kinds(sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 10))) == [
        ("督办函", "东城镇党委", 3)]


def test_threshold_one_and_one_every_problem_is_supervised(session, actor, county):
    problem(session, actor, county.village)
    problem(session, actor, county.school, description="党员活动室被挪作他用", category="阵地建设")
    drafts = sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 20))
    assert _kinds(drafts) == [("督办函", "东城镇党委", 1), ("督办函", "西山乡党委", 1)]
    assert sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 20)) == []


def test_a_problem_is_edited_until_a_letter_listing_it_is_issued(session, actor, county):
    p = problem(session, actor, county.village)
    (draft,) = sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 20))
    sv.update_problem(session, actor, p.id, description="三会一课记录缺两次", deadline=date(2026, 4, 30),
                      severity=Severity.SERIOUS, org_id=county.community.id, category="制度落实")
    assert (p.description, p.org_id) == ("三会一课记录缺两次", county.community.id)
    sv.issue_letters(session, actor, [draft.id], on=date(2026, 3, 21), reason="补录")
    with pytest.raises(DomainError, match="已列入已签发的督办函某组督〔2026〕1号，不能再修改"):
        sv.update_problem(session, actor, p.id, description="改")
    assert p.description == "三会一课记录缺两次" and p.deadline == date(2026, 4, 30)


def test_a_problem_moved_to_another_township_leaves_the_old_draft(session, actor, county):
    a = problem(session, actor, county.village)
    problem(session, actor, county.community, description="党员活动室被挪作他用", category="阵地建设")
    (east,) = sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 20))
    sv.update_problem(session, actor, a.id, org_id=county.school.id)
    assert [p.description for p in east.problems] == ["党员活动室被挪作他用"] and "存在以下1个问题" in east.body
    (west,) = sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 20))
    assert west.recipient_id == county.west.id and [p.id for p in west.problems] == [a.id]


def _deadline_rows(session, problem_id):
    return [(r.changed["deadline"], r.note) for r in session.scalars(
        select(AuditEntry).where(AuditEntry.entity == "problem", AuditEntry.entity_id == problem_id,
                                 AuditEntry.action == "deadline").order_by(AuditEntry.id))]


def test_voiding_a_supervision_letter_gives_the_problems_back_their_own_deadlines(session, actor, county):
    ordinary = problem(session, actor, county.village, found_on=date(2026, 3, 1))  # own: 3-16
    serious = problem(session, actor, county.community, found_on=date(2026, 3, 2), severity=Severity.SERIOUS,
                      description="发展党员程序不规范")  # own: 3-9
    edited = problem(session, actor, county.village, found_on=date(2026, 3, 3), description="党费收缴不及时")
    sv.update_problem(session, actor, edited.id, deadline=date(2026, 3, 25))  # own: 3-25, edited before issue
    later = problem(session, actor, county.village, found_on=date(2026, 3, 4), description="支部换届超期",
                    deadline=date(2026, 5, 30))  # own, later than the letter's: never changed
    closed = problem(session, actor, county.community, found_on=date(2026, 3, 5), description="活动室挪用")
    (letter,) = _supervise(session, actor, "2026-03", date(2026, 3, 31))
    assert [p.deadline for p in (ordinary, serious, edited, later, closed)] == [
        date(2026, 4, 15), date(2026, 4, 7), date(2026, 4, 15), date(2026, 5, 30), date(2026, 4, 15)]
    sv.close_problem(session, actor, closed.id, report="已恢复活动室", verifier="李四", on=date(2026, 4, 3))
    sv.void_letter(session, actor, letter.id, "主送单位有误")
    assert [p.deadline for p in (ordinary, serious, edited, later, closed)] == [
        date(2026, 3, 16), date(2026, 3, 9), date(2026, 3, 25), date(2026, 5, 30), date(2026, 4, 15)]
    assert _deadline_rows(session, ordinary.id)[-1] == (
        ["2026-04-15", "2026-03-16"], "某组督〔2026〕1号作废，整改时限恢复为该函签发前的2026年3月16日")
    assert _deadline_rows(session, edited.id)[-1][0] == ["2026-04-15", "2026-03-25"]
    assert _deadline_rows(session, later.id) == []
    assert len(_deadline_rows(session, closed.id)) == 1  # the letter's, nothing after: its history stays
    # no longer supervised, the open problems are drafted again and the next letter gives them time
    (again,) = _supervise(session, actor, "2026-04", date(2026, 4, 2))
    assert {p.id for p in again.problems} == {ordinary.id, serious.id, edited.id, later.id}
    assert (ordinary.deadline, serious.deadline) == (date(2026, 4, 17), date(2026, 4, 9))


def test_voiding_the_first_letter_leaves_the_deadline_another_letter_gives(session, actor, county):
    p = problem(session, actor, county.village, found_on=date(2026, 3, 1))  # own: 3-16
    (first,) = _supervise(session, actor, "2026-03", date(2026, 3, 20))
    assert p.deadline == date(2026, 4, 4)
    # a clerk adds the problem to April's 督办函 too; it keeps the time the first letter gave
    q = problem(session, actor, county.village, found_on=date(2026, 4, 1), description="党费收缴不及时")
    (draft,) = [x for x in sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 10))
                if x.kind == LetterKind.SUPERVISION]
    sv.update_draft(session, actor, draft.id, problem_ids=[p.id, q.id])
    (second,) = sv.issue_letters(session, actor, [draft.id], on=date(2026, 4, 10), reason="补录")
    assert p.deadline == date(2026, 4, 4)
    sv.void_letter(session, actor, first.id, "重复发文")
    assert p.deadline == date(2026, 4, 25)  # 4-10 + 15, from its own 3-16
    assert _deadline_rows(session, p.id)[-1] == (
        ["2026-04-04", "2026-04-25"], "某组督〔2026〕1号作废，整改时限按某组督〔2026〕2号（2026年4月10日签发）计算")
    # the second voided as well: back to its own
    sv.void_letter(session, actor, second.id, "重复发文")
    assert (p.deadline, q.deadline) == (date(2026, 3, 16), date(2026, 4, 16))
    # a draft or a 提示函 voided changes no deadline
    (third,) = [x for x in sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 12))
                if x.kind == LetterKind.SUPERVISION]
    sv.void_letter(session, actor, third.id, "不发")
    assert (p.deadline, q.deadline) == (date(2026, 3, 16), date(2026, 4, 16))


def test_problems_below_the_threshold_are_listed_as_waiting(session, actor, county):
    set_setting(session, "supervision_min_ordinary", "3")
    set_setting(session, "supervision_min_serious", "1")
    a = problem(session, actor, county.village, found_on=date(2026, 3, 3), description="一般问题0")
    b = problem(session, actor, county.community, found_on=date(2026, 3, 4), description="一般问题1")
    s = problem(session, actor, county.school, severity=Severity.SERIOUS, description="严重问题")  # 西山乡: reached
    waiting = sv.waiting_below_threshold(session, actor, "2026-03")
    assert set(waiting) == {a.id, b.id}
    assert waiting[a.id].LABEL == "待累计（未达督办函起点）"
    assert waiting[a.id].explanation == ("东城镇党委本月未督办的问题：一般2个、严重0个；督办函起点：一般3个或严重1个。"
                                         "未达起点的问题暂不发督办函，下月继续累计。")
    assert sv.waiting_below_threshold(session, actor, "2026-03", [b.id, s.id]).keys() == {b.id}
    march = sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 31))
    assert _kinds(march) == [("督办函", "西山乡党委", 1)]  # what the listing said: 东城镇's two wait
    assert set(sv.waiting_below_threshold(session, actor, "2026-03")) == {a.id, b.id}
    # April: they are counted again; one more reaches the threshold, nobody waits any longer
    assert set(sv.waiting_below_threshold(session, actor, "2026-04")) == {a.id, b.id}
    problem(session, actor, county.community, found_on=date(2026, 4, 2), description="一般问题2")
    assert sv.waiting_below_threshold(session, actor, "2026-04") == {}
    (april,) = sv.draft_letters(session, actor, "2026-04", as_of=date(2026, 4, 5))
    assert {p.id for p in april.problems} >= {a.id, b.id}
    assert sv.waiting_below_threshold(session, actor, "2026-03") == {}  # listed in a 督办函 now


def test_a_closed_problem_below_the_threshold_does_not_wait(session, actor, county):
    set_setting(session, "supervision_min_ordinary", "3")
    p = problem(session, actor, county.village, found_on=date(2026, 3, 3))
    assert set(sv.waiting_below_threshold(session, actor, "2026-03")) == {p.id}
    sv.close_problem(session, actor, p.id, report="已整改", verifier="李四", on=date(2026, 3, 25))
    assert sv.waiting_below_threshold(session, actor, "2026-03") == {}


def test_a_township_clerk_sees_the_waiting_problems_of_the_township_only(session, actor, county):
    from models.actor import Actor

    set_setting(session, "supervision_min_ordinary", "3")
    problem(session, actor, county.village)
    school = problem(session, actor, county.school)
    clerk = Actor("西山乡办事员", "乡镇办事员", county.west.id)
    assert set(sv.waiting_below_threshold(session, clerk, "2026-03")) == {school.id}
