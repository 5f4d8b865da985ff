"""月末问责查办 to its end (issue 26): 督办函 → deadline passes → 预警函 with a final deadline →
still open the day after → a 问责查办 case with the proposed measure; deciding records it; the
reports show it; a problem closed a day late is 逾期整改."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from models.actor import Actor
from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied, ValidationError
from models.periods import month
from models.services import dashboard
from models.services import supervision as sv
from models.services.stats import supervision_counts
from models.supervision import AccountabilityCase, LetterKind
from tests.supervision_factories import problem

SUPERVISED_ON = date(2026, 3, 20)  # 督办函: deadline 4-4 (issue + 15)
WARNED_ON = date(2026, 4, 6)  # 预警函: final deadline 4-13 (issue + 7)


def scenario(session, actor, county):
    """Two problems of 东城镇 in one 督办函: one still open after the 预警函's final deadline, one
    closed a day after its 整改时限."""
    kept = problem(session, actor, county.village, description="三会一课记录不全")
    late = problem(session, actor, county.community, description="党员活动室制度未上墙")
    drafts = sv.draft_letters(session, actor, "2026-03", date(2026, 3, 20))
    sup = [x for x in drafts if x.kind == LetterKind.SUPERVISION]
    sv.issue_letters(session, actor, [x.id for x in sup], SUPERVISED_ON)
    assert kept.deadline == late.deadline == date(2026, 4, 4)
    sv.close_problem(session, actor, late.id, report="已上墙", verifier="李四", on=date(2026, 4, 5))
    warnings = [x for x in sv.draft_letters(session, actor, "2026-04", WARNED_ON) if x.kind == LetterKind.WARNING]
    assert [p.id for w in warnings for p in w.problems] == [kept.id]
    sv.issue_letters(session, actor, [warnings[0].id], WARNED_ON)
    session.flush()
    return kept, late, warnings[0]


def test_warning_states_its_date_final_deadline_and_consequence(session, actor, county):
    _kept, _late, warning = scenario(session, actor, county)
    text = "\n".join(warning.paragraphs)
    assert "截至2026年4月6日" in text
    assert "于2026年4月13日前整改到位" in text
    assert "将在2026年度党建工作考核中扣减你单位2分" in text
    assert "一年内收到工作预警函2份的" in text  # the first warning: the general rule
    assert warning.reply_deadline == date(2026, 4, 13) == sv.final_deadline(session, warning)


def test_second_warning_says_the_interview_applies(session, actor, county):
    scenario(session, actor, county)
    again = problem(session, actor, county.village, found_on=date(2026, 4, 10), description="党费收缴不及时")
    sup = [x for x in sv.draft_letters(session, actor, "2026-04", date(2026, 4, 10))
           if x.kind == LetterKind.SUPERVISION]
    sv.issue_letters(session, actor, [x.id for x in sup], date(2026, 4, 10))
    assert again.deadline == date(2026, 4, 25)
    second = [x for x in sv.draft_letters(session, actor, "2026-04", date(2026, 4, 27))
              if x.kind == LetterKind.WARNING]
    text = "\n".join(second[0].paragraphs)
    assert "截至2026年4月27日" in text
    assert "这是你单位2026年收到的第2份工作预警函，按规定将由中共某某县委组织部约谈你单位党委主要负责人" in text


def test_still_open_the_day_after_is_a_case_with_the_proposed_measure(session, actor, county):
    kept, _late, warning = scenario(session, actor, county)
    assert sv.accountability_cases(session, actor, date(2026, 4, 13)) == []  # the final deadline itself
    [case] = sv.accountability_cases(session, actor, date(2026, 4, 14))
    assert (case.id, case.township, case.ordinal, case.proposed) == (warning.id, "东城镇党委", 1, "约谈乡镇党委书记")
    assert case.final_deadline == date(2026, 4, 13)
    assert [(p[0], p[2]) for p in case.problems] == [(kept.id, "某组督〔2026〕1号")]
    assert not case.decided
    # closed after the final deadline: the case stays (it was open after it)
    sv.close_problem(session, actor, kept.id, report="已补齐", verifier="李四", on=date(2026, 4, 20))
    assert [c.id for c in sv.accountability_cases(session, actor, date(2026, 4, 21))] == [warning.id]


def test_deciding_records_the_measure_audited_and_final(session, actor, county):
    _kept, _late, warning = scenario(session, actor, county)
    clerk = Actor("乡镇员", "乡镇办事员", county.east.id)
    with pytest.raises(PermissionDenied):
        sv.decide_case(session, clerk, warning.id, "约谈", date(2026, 4, 15), today=date(2026, 4, 20))
    with pytest.raises(ValidationError, match="早于问责查办的起始日"):
        sv.decide_case(session, actor, warning.id, "约谈", date(2026, 4, 13), today=date(2026, 4, 20))
    sv.decide_case(session, actor, warning.id, "约谈东城镇党委书记", date(2026, 4, 15), "已约谈",
                   today=date(2026, 4, 20))
    [case] = sv.accountability_cases(session, actor, date(2026, 4, 20))
    assert case.state == "已决定：约谈东城镇党委书记（2026年4月15日，测试员）"
    with pytest.raises(DomainError, match="决定不能更改"):
        sv.decide_case(session, actor, warning.id, "通报批评", date(2026, 4, 16), today=date(2026, 4, 20))
    row = session.scalar(select(AccountabilityCase))
    audit = session.scalar(select(AuditEntry).where(AuditEntry.entity == "accountability_case"))
    assert audit.entity_id == row.id and audit.changed["measure"] == [None, "约谈东城镇党委书记"]
    assert sv.accountability_cases(session, actor, date(2026, 4, 20), open_only=True) == []


def test_the_second_case_of_the_year_proposes_the_second_measure(session, actor, county):
    scenario(session, actor, county)
    problem(session, actor, county.village, found_on=date(2026, 4, 10), description="党费收缴不及时")
    sup = [x for x in sv.draft_letters(session, actor, "2026-04", date(2026, 4, 10))
           if x.kind == LetterKind.SUPERVISION]
    sv.issue_letters(session, actor, [x.id for x in sup], date(2026, 4, 10))
    second = [x for x in sv.draft_letters(session, actor, "2026-04", date(2026, 4, 27))
              if x.kind == LetterKind.WARNING]
    sv.issue_letters(session, actor, [second[0].id], date(2026, 4, 27))
    cases = sv.accountability_cases(session, actor, date(2026, 5, 10))
    assert [(c.ordinal, c.proposed) for c in cases] == [(1, "约谈乡镇党委书记"), (2, "通报批评")]
    assert sv.accountability_cases(session, actor, date(2026, 5, 10), year=2025) == []


def test_a_problem_closed_a_day_late_is_rectified_late(session, actor, county):
    scenario(session, actor, county)
    april = supervision_counts(session, month("2026-04"))[county.east.id]
    assert april["逾期整改"] == 1 and april.get("按期整改", 0) == 0
    assert april["预警扣分"] == 2 and april["问责查办"] == 1
    board = dashboard.load(session, actor, date(2026, 4, 20))
    assert board.numbers["今年逾期整改"] == 1
    assert board.numbers["未决问责"] == 1
    assert board.lists["问责查办"][0].cells[:2] == ["东城镇党委", "某组警〔2026〕1号"]


# ---------------------------------------------------------------- the command line


@pytest.fixture
def scenario_file(sqlite_path, monkeypatch):
    import desktop.cli as cli
    from models.db import open_database
    from tests.factories import build_county

    actor = Actor("测试员", "管理员")
    db = open_database(sqlite_path)
    with db.transaction() as s:
        county = build_county(s, actor)
        scenario(s, actor, county)
    db.dispose()
    monkeypatch.setattr(cli.Context, "actor", lambda self, session: actor)
    return sqlite_path


def test_accountability_list_and_decide_on_the_command_line(scenario_file, capsys):
    from desktop.cli import main

    assert main(["--db", str(scenario_file), "accountability", "list", "--as-of", "2026-04-13"]) == 0
    assert "没有问责查办" in capsys.readouterr().out
    assert main(["--db", str(scenario_file), "accountability", "list", "--as-of", "2026-04-14",
                 "--year", "2026"]) == 0
    line = capsys.readouterr().out.splitlines()[1].split("\t")
    case_id = line[0]
    assert line[1:7] == ["东城镇党委", "某组警〔2026〕1号", "2026-04-13", "第1次", "约谈乡镇党委书记", "待决定"]
    assert line[7] == "三会一课记录不全（某组督〔2026〕1号）"
    assert main(["--db", str(scenario_file), "accountability", "decide", "--id", case_id,
                 "--measure", "约谈东城镇党委书记", "--date", "2026-04-15", "--note", "已约谈"]) == 0
    assert "已决定：约谈东城镇党委书记" in capsys.readouterr().out
    assert main(["--db", str(scenario_file), "accountability", "decide", "--id", case_id,
                 "--measure", "通报批评", "--date", "2026-04-16"]) == 1
    assert "决定不能更改" in capsys.readouterr().err
    assert main(["--db", str(scenario_file), "accountability", "list", "--as-of", "2026-04-20"]) == 0
    assert "已决定：约谈东城镇党委书记（2026年4月15日，测试员）" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["accountability", "--help"], ["accountability", "list", "--help"],
                                  ["accountability", "decide", "--help"]])
def test_accountability_help(argv, capsys):
    from desktop.cli import main

    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 0
    assert "问责" in capsys.readouterr().out
