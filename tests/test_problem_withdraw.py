"""撤销问题 / 恢复问题: a problem recorded by mistake leaves the month's problems, the overdue list,
the drafts and the letters to come, the dashboard and the statistics; it can be restored; once a
letter listing it has gone out it can no longer be withdrawn."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied, ValidationError
from models.periods import month, quarter
from models.services import dashboard
from models.services import supervision as sv
from models.services.stats import category_township_counts, problem_rows, supervision_counts
from models.supervision import LetterKind, Problem
from tests.supervision_factories import problem

TODAY = date(2026, 3, 31)


def ids(problems) -> list[int]:
    return [p.id for p in problems]


def supervision_letters(session, actor) -> list:
    return [x for x in sv.letters_of(session, actor, month="2026-03") if x.kind == LetterKind.SUPERVISION]


def test_a_withdrawn_problem_leaves_every_reader_and_comes_back_on_restore(session, actor, county):
    wrong = problem(session, actor, county.village, description="误录：三会一课记录不全")
    kept = problem(session, actor, county.village, description="党费收缴不及时")
    session.commit()
    sv.withdraw_problem(session, actor, wrong.id, "录错了党组织", on=TODAY)
    session.commit()

    assert ids(sv.problems_found(session, actor, "2026-03")) == [kept.id]
    assert ids(sv.list_problems(session, actor)) == [kept.id]
    assert ids(sv.overdue_problems(session, actor, date(2026, 5, 1))) == [kept.id]
    listed = sv.list_problems(session, actor, include_withdrawn=True)
    assert ids(listed) == [wrong.id, kept.id] and listed[0].withdrawn_on == TODAY
    # no 督办函 lists it
    sv.draft_letters(session, actor, "2026-03", TODAY)
    assert [ids(x.problems) for x in supervision_letters(session, actor)] == [[kept.id]]
    # the dashboard and the statistics of the quarterly workbook and the monthly report
    board = dashboard.load(session, actor, date(2026, 5, 1))
    assert board.numbers["今年发现问题"] == board.numbers["未销号问题"] == board.numbers["逾期问题"] == 1
    assert dashboard.problem_ids(session, actor, 2026) == [kept.id]
    counts = supervision_counts(session, quarter("2026Q1"))
    assert counts[county.east.id]["发现问题"] == 1
    assert category_township_counts(session, month("2026-03"))[1][county.east.id]["组织生活"] == 1
    assert [r[5] for r in problem_rows(session, quarter("2026Q1"))] == ["党费收缴不及时"]
    # the audit row keeps the reason
    row = session.scalars(select(AuditEntry).where(AuditEntry.entity == "problem", AuditEntry.entity_id == wrong.id,
                                                   AuditEntry.action == "withdraw")).one()
    assert row.note == "录错了党组织" and json.loads(row.changes) == {"withdrawn_on": [None, "2026-03-31"]}

    sv.restore_problem(session, actor, wrong.id, "撤销有误")
    session.commit()
    assert ids(sv.problems_found(session, actor, "2026-03")) == [wrong.id, kept.id]
    assert supervision_counts(session, quarter("2026Q1"))[county.east.id]["发现问题"] == 2
    sv.draft_letters(session, actor, "2026-03", TODAY)  # the draft takes it again
    assert [ids(x.problems) for x in supervision_letters(session, actor)] == [[wrong.id, kept.id]]
    with pytest.raises(DomainError, match="没有撤销，无需恢复"):
        sv.restore_problem(session, actor, wrong.id)


def test_a_draft_that_listed_it_no_longer_does(session, actor, county):
    wrong = problem(session, actor, county.village, description="误录：三会一课记录不全")
    kept = problem(session, actor, county.village, description="党费收缴不及时")
    alone = problem(session, actor, county.school, description="重复登记：党费收缴不及时")
    sv.draft_letters(session, actor, "2026-03", TODAY)
    session.commit()
    sv.withdraw_problem(session, actor, wrong.id, "重复登记")
    sv.withdraw_problem(session, actor, alone.id, "重复登记")
    session.commit()
    by_town = {x.recipient_id: x for x in supervision_letters(session, actor)}
    assert ids(by_town[county.east.id].problems) == [kept.id]
    assert "存在以下1个问题" in by_town[county.east.id].body  # the text is drafted again
    # a draft left with no problem stays a draft, which cannot be issued (the clerk voids it)
    assert by_town[county.west.id].problems == []
    with pytest.raises(DomainError, match="没有列出任何问题，不能签发"):
        sv.issue_letters(session, actor, [by_town[county.west.id].id], TODAY, reason="补录")
    # nor can it be put back by hand
    with pytest.raises(DomainError, match=f"（编号{alone.id}）已撤销，不能列入函件"):
        sv.update_draft(session, actor, by_town[county.west.id].id, problem_ids=[alone.id])


def test_withdrawing_needs_a_reason_and_no_issued_letter(session, actor, county):
    p = problem(session, actor, county.village)
    session.commit()
    with pytest.raises(ValidationError, match="撤销原因：必填"):
        sv.withdraw_problem(session, actor, p.id, "  ")
    drafts = sv.draft_letters(session, actor, "2026-03", TODAY)
    sv.issue_letters(session, actor, [x.id for x in drafts], TODAY, reason="补录")
    session.commit()
    number = supervision_letters(session, actor)[0].number
    with pytest.raises(DomainError, match=f"该问题已列入已签发的督办函{number}，不能再撤销"):
        sv.withdraw_problem(session, actor, p.id, "录错了")
    session.rollback()
    assert session.get(Problem, p.id).in_force


def test_a_withdrawn_problem_is_not_worked_on_and_only_writers_in_scope_withdraw(session, actor, county):
    p = problem(session, actor, county.school)
    session.commit()
    with pytest.raises(PermissionDenied):
        sv.withdraw_problem(session, Actor("查看", "只读"), p.id, "录错了")
    with pytest.raises(PermissionDenied):  # a township clerk of 东城镇: 西山乡's problem
        sv.withdraw_problem(session, Actor("东城镇组织委员", "乡镇办事员", county.east.id), p.id, "录错了")
    session.rollback()
    sv.withdraw_problem(session, actor, p.id, "录错了")
    with pytest.raises(DomainError, match="已撤销，如需办理请先恢复"):
        sv.update_problem(session, actor, p.id, description="党费收缴不及时")
    with pytest.raises(DomainError, match=f"（编号{p.id}）已于{sv.date_text(date.today())}撤销"):
        sv.withdraw_problem(session, actor, p.id, "再撤一次")


def test_the_same_problem_again_names_the_withdrawn_one(session, actor, county):
    first = problem(session, actor, county.village)
    sv.withdraw_problem(session, actor, first.id, "录错了月份")
    with pytest.raises(ValidationError, match=f"（编号{first.id}，测试员登记于.*，已撤销：可恢复这个问题，不必重新登记）"):
        problem(session, actor, county.village)
