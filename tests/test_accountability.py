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
    sv.issue_letters(session, actor, [x.id for x in sup], SUPERVISED_ON, reason="补录")
    assert kept.deadline == late.deadline == date(2026, 4, 4)
    sv.close_problem(session, actor, late.id, report="已上墙", verifier="李四", on=date(2026, 4, 5))
    warnings = [x for x in sv.draft_letters(session, actor, "2026-04", WARNED_ON) if x.kind == LetterKind.WARNING]
    assert [p.id for w in warnings for p in w.problems] == [kept.id]
    sv.issue_letters(session, actor, [warnings[0].id], WARNED_ON, reason="补录")
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
    sv.issue_letters(session, actor, [x.id for x in sup], date(2026, 4, 10), reason="补录")
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
    sv.issue_letters(session, actor, [x.id for x in sup], date(2026, 4, 10), reason="补录")
    second = [x for x in sv.draft_letters(session, actor, "2026-04", date(2026, 4, 27))
              if x.kind == LetterKind.WARNING]
    sv.issue_letters(session, actor, [second[0].id], date(2026, 4, 27), reason="补录")
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


# ---------------------------------------------------------------- the paper: monthly report, assessment


def _pdf_text(path) -> str:
    import subprocess

    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_monthly_report_and_assessment_show_the_warning_the_case_and_its_decision(session, actor, county,
                                                                                   tmp_path):
    import shutil

    from openpyxl import load_workbook

    from reports.assessment_xlsx import HEADERS, export_assessment
    from reports.monthly_pdf import monthly_report_data, render_monthly

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    _kept, _late, warning = scenario(session, actor, county)
    sv.decide_case(session, actor, warning.id, "约谈东城镇党委书记", date(2026, 4, 15), today=date(2026, 4, 20))
    data = monthly_report_data(session, actor, month("2026-04"), issued=date(2026, 5, 3),
                               requirements="各乡镇要在5月底前完成全部问题整改。")
    text = "".join(_pdf_text(render_monthly(data, tmp_path / "m.pdf")).split())
    assert "截至2026年4月30日" in text
    assert ("本月发出工作预警函1份：东城镇党委（某组警〔2026〕1号），扣减年度党建工作考核2分，"
            "取消本年度评先评优资格。") in text
    assert ("问责查办1起：东城镇党委（某组警〔2026〕1号最后整改期限2026年4月13日已过，问题仍未整改），"
            "建议约谈乡镇党委书记，已决定：约谈东城镇党委书记（2026年4月15日决定）。") in text
    assert "东城镇党委某组警〔2026〕1号2026年4月6日2约谈" not in text  # the first warning: no 约谈
    assert "东城镇党委某组警〔2026〕1号2026年4月6日2—" in text
    cases = text[text.index("七、问责查办情况"):text.index("八、典型问题")]
    # the case's row (cells wrap): the 预警函, its final deadline, the proposed measure, the decision
    for part in ("某组警〔2026〕", "2026年4月13日", "约谈乡镇党委", "约谈东城镇党委书", "2026年4月15日"):
        assert part in cases, part
    assert "各乡镇要在5月底前完成全部问题整改。" in text
    assert "报：县委主要领导、县委分管领导。" in text

    path = export_assessment(session, actor, tmp_path / "a.xlsx", 2026, as_of=date(2026, 4, 30))
    ws = load_workbook(path).active
    rows = {r[1]: dict(zip(HEADERS, r, strict=False)) for r in ws.iter_rows(min_row=4, values_only=True) if r[1]}
    east = rows["东城镇党委"]
    assert (east["发现问题"], east["按期整改"], east["逾期整改"], east["未整改"]) == (2, 0, 1, 1)
    assert (east["预警函"], east["预警扣分"], east["问责查办"], east["问责扣分"], east["得分"]) == (1, 2, 1, 3, 95)
    assert east["问责措施"] == "约谈东城镇党委书记（已决定）"
    assert (east["名次"], rows["西山乡党委"]["名次"], rows["西山乡党委"]["得分"]) == (2, 1, 100)
    assert ws.print_title_rows == "$1:$3"
    notes = [r[0] for r in ws.iter_rows(values_only=True) if r[0] and str(r[0]).startswith(("1.", "2.", "3."))]
    assert notes[0] == "1. 得分＝基础分100分－预警扣分－问责扣分，最低为0分。"


def test_monthly_overdue_count_equals_the_dashboards_for_the_same_day(session, actor, county):
    from reports.monthly_pdf import monthly_report_data

    scenario(session, actor, county)
    problem(session, actor, county.school, found_on=date(2026, 4, 2), description="党员档案缺失")  # due 4-17
    for day in (date(2026, 4, 10), date(2026, 4, 18), date(2026, 4, 30)):
        data = monthly_report_data(session, actor, month("2026-04"), issued=day)
        assert data.overdue == dashboard.load(session, actor, day).numbers["逾期问题"], day
    # a report of a past month counts at the month's last day, and says so
    assert monthly_report_data(session, actor, month("2026-04"), issued=date(2026, 5, 6)).as_of == date(2026, 4, 30)


def test_report_assessment_and_monthly_on_the_command_line(scenario_file, tmp_path, capsys):
    from openpyxl import load_workbook

    from desktop.cli import main

    out = tmp_path / "kh.xlsx"
    assert main(["--db", str(scenario_file), "report", "assessment", "--year", "2026", "--as-of", "2026-04-30",
                 "--out", str(out)]) == 0
    assert "年度党建考核" in capsys.readouterr().out
    assert load_workbook(out).active["A1"].value == "2026年度基层党建工作考核（“三函”部分）"
    assert main(["--db", str(scenario_file), "report", "assessment", "--out", str(out)]) == 2
    req = tmp_path / "req.txt"
    req.write_text("各乡镇要举一反三。\n", encoding="utf-8")
    assert main(["--db", str(scenario_file), "report", "monthly", "--month", "2026-04", "--date", "2026-05-03",
                 "--requirements", str(req), "--out", str(tmp_path / "m.pdf")]) == 0
    assert (tmp_path / "m.pdf").exists()
    with pytest.raises(SystemExit) as exc:
        main(["report", "--help"])
    assert exc.value.code == 0
    assert "assessment" in capsys.readouterr().out


def test_monthly_report_lists_the_problems_adjusted_after_supervision(session, actor, county):
    from models.audit import record
    from reports.monthly_pdf import monthly_report_data

    kept, _late, _warning = scenario(session, actor, county)
    # the coordinator's 督办后调整 writes one audit row: entity problem, action adjust, with a reason
    record(session, "县级办事员甲", "adjust", "problem", kept.id,
           {"deadline": ["2026-04-04", "2026-04-20"]}, "村党支部换届，延期整改")
    session.flush()
    today = date.today()  # the audit row carries the time it was written
    data = monthly_report_data(session, actor, month(f"{today:%Y-%m}"), issued=today)
    assert data.adjustments == [("县级办事员甲", "红星村党支部：三会一课记录不全",
                                 "整改时限：2026-04-04 → 2026-04-20", "村党支部换届，延期整改")]
    earlier = date(today.year - 1, today.month, 1)
    assert monthly_report_data(session, actor, month(f"{earlier:%Y-%m}"), issued=today).adjustments == []


def test_quarterly_sheet_carries_late_rectification_deductions_and_cases(session, actor, county, tmp_path):
    from openpyxl import load_workbook

    from models.periods import quarter
    from reports import quarterly

    scenario(session, actor, county)
    path = quarterly.export_quarterly(session, actor, tmp_path / "q.xlsx", quarter("2026Q2"), "某组织部",
                                      quarterly.SHEETS)
    ws = load_workbook(path)["三函工作"]
    header = [c.value for c in ws[quarterly.HEADER_ROW]]
    assert header[-4:] == ["按期整改", "逾期整改", "预警扣分", "问责查办"]
    assert header[:5] == ["单位", "提示函", "督办函", "预警函", "发现问题"]  # the contract's layout stays
    rows = {r[0]: r for r in ws.iter_rows(min_row=quarterly.FIRST_DATA_ROW, values_only=True)}
    assert rows["东城镇党委"][-4:] == (0, 1, 2, 1)
    assert rows["合计"][-4:] == (0, 1, 2, 1)


def test_check_reports_the_cases_to_decide(session, actor, county):
    _kept, _late, warning = scenario(session, actor, county)
    found = [f for f in sv.overdue_findings(session, actor, date(2026, 4, 14)) if f[0] == "问责查办待决定"]
    assert found == [("问责查办待决定", "东城镇党委",
                      f"某组警〔2026〕1号最后整改期限2026年4月13日已过，1个问题仍未整改；"
                      f"建议：约谈乡镇党委书记（accountability decide --id {warning.id}）")]


def test_the_whole_cycle_on_the_command_line(sqlite_path, monkeypatch, tmp_path, capsys):
    """problem found → 督办函 → deadline passes → 预警函 → still open the day after → a case; decided;
    the monthly report and the assessment show it; a problem closed a day late is 逾期整改."""
    import shutil

    from openpyxl import load_workbook

    import desktop.cli as cli
    from models.db import open_database
    from tests.factories import build_county

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler) is not installed")
    actor = Actor("测试员", "管理员")
    db = open_database(sqlite_path)
    with db.transaction() as s:
        county = build_county(s, actor)
        kept = problem(s, actor, county.village, description="三会一课记录不全").id
        late = problem(s, actor, county.community, description="党员活动室制度未上墙").id
    db.dispose()
    monkeypatch.setattr(cli.Context, "actor", lambda self, session: actor)

    def run(*argv: str) -> str:
        capsys.readouterr()
        code = cli.main(["--db", str(sqlite_path), *argv])
        out = capsys.readouterr()
        assert code == 0, (argv, out.err)
        return out.out

    run("letters", "draft", "--month", "2026-03", "--as-of", "2026-03-20")
    run("letters", "issue", "--month", "2026-03", "--date", "2026-03-20", "--reason", "补录")
    run("problem", "close", "--id", str(late), "--report", "已上墙", "--verifier", "李四", "--date", "2026-04-05")
    run("letters", "draft", "--month", "2026-04", "--as-of", "2026-04-06")
    run("letters", "issue", "--month", "2026-04", "--date", "2026-04-06", "--reason", "补录")
    assert "没有问责查办" in run("accountability", "list", "--as-of", "2026-04-13")
    line = run("accountability", "list", "--as-of", "2026-04-14").splitlines()[1].split("\t")
    assert line[1:7] == ["东城镇党委", "某组警〔2026〕1号", "2026-04-13", "第1次", "约谈乡镇党委书记", "待决定"]
    run("accountability", "decide", "--id", line[0], "--measure", "约谈东城镇党委书记", "--date", "2026-04-15")
    run("report", "monthly", "--month", "2026-04", "--date", "2026-05-03", "--out", str(tmp_path / "m.pdf"))
    text = "".join(_pdf_text(tmp_path / "m.pdf").split())
    assert "扣减年度党建工作考核2分" in text and "已决定：约谈东城镇党委书记" in text
    run("report", "assessment", "--year", "2026", "--as-of", "2026-04-30", "--out", str(tmp_path / "a.xlsx"))
    ws = load_workbook(tmp_path / "a.xlsx").active
    from reports.assessment_xlsx import HEADERS

    east = dict(zip(HEADERS, next(r for r in ws.iter_rows(min_row=4, values_only=True) if r[1] == "东城镇党委"),
                    strict=False))
    assert (east["逾期整改"], east["预警扣分"], east["问责查办"], east["问责措施"]) == (1, 2, 1, "约谈东城镇党委书记（已决定）")
    assert f"{kept}" in line[7] or "三会一课记录不全" in line[7]


def test_the_assessment_counts_task_receipts_on_time(session, actor, county, tmp_path):
    """The yearly assessment's task columns: a township that reported by the 完成时限 counts on time,
    one that reported late or not at all does not (docs/task-receipts.md)."""
    from openpyxl import load_workbook

    from reports.assessment_xlsx import HEADERS, export_assessment
    from tests.supervision_factories import task

    t = task(session, actor, month="2026-03", title="召开支部党员大会", due_on=date(2026, 3, 31))
    sv.report_task(session, actor, t.id, county.east.id, "完成", date(2026, 3, 28))
    sv.report_task(session, actor, t.id, county.west.id, "完成", date(2026, 4, 3))
    ws = load_workbook(export_assessment(session, actor, tmp_path / "a.xlsx", 2026, as_of=date(2026, 4, 30))).active
    rows = {r[1]: dict(zip(HEADERS, r, strict=False)) for r in ws.iter_rows(min_row=4, values_only=True) if r[1]}
    assert (rows["东城镇党委"]["按时报送"], rows["东城镇党委"]["逾期或未报送"]) == (1, 0)
    assert (rows["西山乡党委"]["按时报送"], rows["西山乡党委"]["逾期或未报送"]) == (0, 1)
