"""The same problem or month task entered twice is refused by the service, as the imports refuse it:
one organization, one day found and the same description; one month and the same 工作任务
(models.values.same_text decides “the same”)."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import func, select

from models.audit import AuditEntry
from models.errors import DomainError, ValidationError
from models.services import supervision as sv
from models.supervision import MonthTask, Problem
from tests.supervision_factories import problem, task


def today_text() -> str:
    return sv.date_text(date.today())


def count(session, model) -> int:
    return session.scalar(select(func.count()).select_from(model))


def test_the_same_problem_twice_is_refused_naming_the_first(session, actor, county):
    first = problem(session, actor, county.village, description="三会一课记录不全")
    with pytest.raises(ValidationError) as exc:  # full-width letters and spaces do not make it another
        problem(session, actor, county.village, description=" 三会一课　记录不全\n", category="制度落实")
    assert str(exc.value) == (f"问题描述：红星村党支部2026年3月10日已登记相同的问题“三会一课记录不全”"
                              f"（编号{first.id}，测试员登记于{today_text()}），不能重复登记")
    assert count(session, Problem) == 1
    # another day, another organization or another description: a problem of its own
    problem(session, actor, county.village, found_on=date(2026, 3, 11))
    problem(session, actor, county.community)
    problem(session, actor, county.village, description="三会一课记录不全，缺少2月党员大会记录")
    assert count(session, Problem) == 4


def test_a_closed_problem_still_counts_as_recorded(session, actor, county):
    first = problem(session, actor, county.village)
    sv.close_problem(session, actor, first.id, report="已补齐记录", verifier="李四", on=date(2026, 3, 12))
    with pytest.raises(ValidationError, match=f"编号{first.id}"):
        problem(session, actor, county.village)


def test_editing_a_problem_into_another_is_refused(session, actor, county):
    first = problem(session, actor, county.village)
    other = problem(session, actor, county.village, description="党费收缴不及时")
    moved = problem(session, actor, county.community)  # the same text in another branch
    session.commit()
    with pytest.raises(ValidationError, match=f"已登记相同的问题“三会一课记录不全”（编号{first.id}，"):
        sv.update_problem(session, actor, other.id, description="三会一课记录不全")
    session.rollback()
    assert session.get(Problem, other.id).description == "党费收缴不及时"
    with pytest.raises(ValidationError, match=f"编号{first.id}"):
        sv.update_problem(session, actor, moved.id, org_id=county.village.id)
    session.rollback()
    # a problem's own text re-typed, or its other fields, are no duplicate of itself
    sv.update_problem(session, actor, first.id, description="三会一课记录不全 ", deadline=date(2026, 3, 30))
    assert session.get(Problem, first.id).deadline == date(2026, 3, 30)


def test_the_same_task_twice_is_refused_even_when_withdrawn(session, actor, county):
    first = task(session, actor, title="召开支部党员大会")
    with pytest.raises(ValidationError) as exc:
        task(session, actor, title="召开 支部党员大会", content="另一种说法")
    assert str(exc.value) == (f"工作任务：2026年3月已有同名工作任务“召开支部党员大会”"
                              f"（编号{first.id}，测试员登记于{today_text()}），不能重复登记")
    task(session, actor, month="2026-04", title="召开支部党员大会")  # another month
    # the import counts a withdrawn task as recorded; so does every entry
    sv.withdraw_task(session, actor, first.id, "重复")
    with pytest.raises(ValidationError, match=f"编号{first.id}，测试员登记于{today_text()}，已撤回：可恢复这项任务"):
        task(session, actor, title="召开支部党员大会")
    assert count(session, MonthTask) == 2


def test_a_withdrawn_task_is_restored_not_entered_again(session, actor, county):
    first = task(session, actor, title="召开支部党员大会")
    sv.withdraw_task(session, actor, first.id, "误撤")
    assert [t.title for t in sv.month_tasks(session, "2026-03")] == []
    assert [t.title for t in sv.month_tasks(session, "2026-03", include_withdrawn=True)] == ["召开支部党员大会"]
    sv.restore_task(session, actor, first.id, "撤回有误")
    assert [t.title for t in sv.month_tasks(session, "2026-03")] == ["召开支部党员大会"]
    entry = session.scalars(select(AuditEntry).where(AuditEntry.entity == "month_task",
                                                     AuditEntry.entity_id == first.id)
                            .order_by(AuditEntry.id.desc())).first()
    assert (entry.action, entry.note, json.loads(entry.changes)) == ("restore", "撤回有误", {"withdrawn": [True, False]})
    with pytest.raises(DomainError, match="没有撤回，无需恢复"):
        sv.restore_task(session, actor, first.id)


def test_editing_a_task_into_another_is_refused(session, actor, county):
    first = task(session, actor, title="召开支部党员大会")
    other = task(session, actor, title="开展主题党日")
    april = task(session, actor, month="2026-04", title="召开支部党员大会")
    session.commit()
    with pytest.raises(ValidationError, match=f"同名工作任务“召开支部党员大会”（编号{first.id}，"):
        sv.update_task(session, actor, other.id, title="召开支部党员大会")
    session.rollback()
    with pytest.raises(ValidationError, match=f"编号{first.id}"):
        sv.update_task(session, actor, april.id, month="2026-03")
    session.rollback()
    sv.update_task(session, actor, first.id, content="学习新修订的条例")  # itself: no duplicate
    assert session.get(MonthTask, first.id).content == "学习新修订的条例"
