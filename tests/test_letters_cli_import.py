"""Imports of tasks and problems, the letters commands, and letters as PDF documents."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.cli import main
from models.actor import SYSTEM, Actor
from models.db import open_database
from models.roles import Role
from models.supervision import Letter, MonthTask, Problem, ProblemStatus
from reports.supervision_import import PROBLEM_HEADERS, TASK_HEADERS
from tests.factories import build_county
from tests.supervision_factories import letter_pdf  # noqa: F401  (fixture)


def xlsx(path: Path, headers: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


@pytest.fixture
def county_file(sqlite_path):
    db = open_database(sqlite_path)
    with db.session() as s:
        build_county(s, Actor("测试员", Role.ADMIN))
        s.commit()
    db.dispose()
    return sqlite_path


def run(db_path, *argv) -> int:
    return main(["--db", str(db_path), *argv])


def count(db_path, model) -> int:
    db = open_database(db_path)
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(model))
    db.dispose()
    return n


def test_import_tasks_bad_rows_write_nothing(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "t.xlsx", TASK_HEADERS, [
        ["2026-03", "召开党员大会", "传达精神", "记录完整", "2026-03-31", "组织生活", ""],
        ["2026-13", "", None, None, "3月底", None, "东城镇党委、南山镇党委"],
        ["2026年3月", "主题党日", None, None, None, None, "红星村党支部"],
    ])
    assert run(county_file, "import", "tasks", str(path)) == 1
    err = capsys.readouterr().err
    assert "第3行" in err and "月份" in err and "“2026-13”不是年月" in err
    assert "工作任务" in err and "必填" in err
    assert "完成时限" in err and "找不到党组织“南山镇党委”" in err
    assert "第4行" in err and "“红星村党支部”不是乡镇（街道）党委" in err
    assert count(county_file, MonthTask) == 0


def test_import_tasks_and_draft_reminders(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "t.xlsx", TASK_HEADERS, [
        ["2026-03", "召开党员大会", "传达精神", "记录完整", "2026-03-31", "组织生活", "全部"],
        ["2026/3", "主题党日", None, None, date(2026, 3, 25), None, "西山乡党委"],
    ])
    assert run(county_file, "import", "tasks", str(path)) == 0
    assert "导入2行" in capsys.readouterr().out
    assert run(county_file, "letters", "draft", "--month", "2026-03", "--as-of", "2026-03-01") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[-1] == "起草2份函件"
    assert any("提示函\t草稿\t中共某某县西山乡委员会\t2项任务" in line for line in out)
    assert any("提示函\t草稿\t中共某某县东城镇委员会\t1项任务" in line for line in out)


def test_import_problems_with_bad_rows(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "p.xlsx", PROBLEM_HEADERS, [
        ["2026-03-10", "红星村党支部", "督查", "组织生活", "三会一课记录不全", "", "", "", "", ""],
        ["2026-03-11", "不存在的支部", "督查", "组织生活", "x", "", "", "", "", ""],
        ["2026-03-11", "中心小学党支部", "巡视", "其他", "x", "很严重", "", "", "", ""],
        ["2026-03-12", "幸福社区党支部", "暗访", "阵地建设", "活动室挪用", "严重", "", "已销号", "", ""],
    ])
    assert run(county_file, "import", "problems", str(path)) == 1
    err = capsys.readouterr().err
    assert "第3行" in err and "找不到党组织“不存在的支部”" in err
    assert "第4行" in err and "来源" in err and "“巡视”不在可选项中" in err
    assert "“其他”不在可选类别中" in err and "“很严重”不在可选项中" in err
    assert "第5行" in err and "销号时必须填写整改情况" in err and "销号时必须填写销号日期" in err
    assert "第2行" not in err
    assert count(county_file, Problem) == 0


def test_import_problems_defaults(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "p.xlsx", PROBLEM_HEADERS, [
        ["2026-03-10", "红星村党支部", "督查", "组织生活", "三会一课记录不全", "", "", "", "", ""],
        ["2026.3.12", "中共西山乡中心小学支部委员会", "群众反映", "党员管理", "发展党员程序不规范", "严重",
         None, None, None, None],
        ["2026-03-02", "幸福社区党支部", "自查", "阵地建设", "活动室挪用", "一般", "2026-03-20", "已销号",
         "已恢复活动室", "2026-03-15"],
    ])
    assert run(county_file, "import", "problems", str(path)) == 0
    db = open_database(county_file)
    with db.session() as s:
        rows = s.execute(select(Problem.deadline, Problem.status).order_by(Problem.id)).all()
    db.dispose()
    assert rows == [(date(2026, 3, 25), ProblemStatus.OPEN), (date(2026, 3, 19), ProblemStatus.OPEN),
                    (date(2026, 3, 20), ProblemStatus.CLOSED)]


def test_letters_commands(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "p.xlsx", PROBLEM_HEADERS, [
        ["2026-03-10", "红星村党支部", "督查", "组织生活", "三会一课记录不全", "", "", "", "", ""],
        ["2026-03-10", "中心小学党支部", "督查", "组织生活", "党费收缴不及时", "", "", "", "", ""],
    ])
    assert run(county_file, "import", "problems", str(path)) == 0
    assert run(county_file, "letters", "draft", "--month", "2026-03", "--as-of", "2026-03-11") == 0
    assert capsys.readouterr().out.splitlines()[-1] == "起草2份函件"
    assert run(county_file, "letters", "draft", "--month", "2026-03", "--as-of", "2026-03-11") == 0
    assert capsys.readouterr().out.splitlines() == ["起草0份函件"]
    assert run(county_file, "problem", "edit", "--id", "1", "--description", "三会一课记录缺两次",
               "--deadline", "2026-04-10") == 0
    assert "问题1已修改" in capsys.readouterr().out
    assert run(county_file, "letters", "issue", "--month", "2026-03", "--date", "2026-03-12", "--reason", "补录") == 0
    out = capsys.readouterr().out
    assert "某组督〔2026〕1号" in out and "某组督〔2026〕2号" in out
    assert run(county_file, "problem", "edit", "--id", "1", "--description", "改") == 1
    assert "已列入已签发的督办函某组督〔2026〕1号" in capsys.readouterr().err
    assert run(county_file, "letters", "void", "--id", "2", "--reason", "重复发文") == 0
    # the voided 督办函 no longer gives its problem time: back to its own (found 3-10 + 15)
    assert capsys.readouterr().out.splitlines() == ["已作废：某组督〔2026〕2号",
                                                    "问题2的整改时限：2026-03-27 → 2026-03-25"]
    assert run(county_file, "letters", "reply", "--id", "1", "--date", "2026-03-20", "--text", "已整改") == 0
    assert run(county_file, "letters", "list", "--month", "2026-03") == 0
    out = capsys.readouterr().out
    assert "某组督〔2026〕1号\t督办函\t已反馈" in out and "某组督〔2026〕2号\t督办函\t已作废" in out
    assert run(county_file, "problem", "close", "--id", "1", "--report", "已补齐", "--verifier", "") == 1
    assert "验收人" in capsys.readouterr().err
    assert run(county_file, "problem", "close", "--id", "1", "--report", "已补齐", "--verifier", "王五",
               "--date", "2026-03-21") == 0
    assert "问题1已销号（2026年3月21日）" in capsys.readouterr().out
    assert run(county_file, "problem", "list", "--overdue", "--as-of", "2026-04-01") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == 2 and "党费收缴不及时" in out[0] and "\t红\t" in out[0]
    assert run(county_file, "letters", "draft", "--month", "2026-04", "--as-of", "2026-04-01") == 0
    out = capsys.readouterr().out
    # the voided letter's problem, still open and no longer supervised, is counted again in April
    assert "起草1份函件" in out and "督办函" in out
    assert count(county_file, Letter) == 3
    assert run(county_file, "check") == 0
    out = capsys.readouterr().out
    assert "逾期问题\t中共西山乡中心小学支部委员会\t组织生活：党费收缴不及时（整改时限2026年3月25日，待整改）" in out


def test_problem_withdraw_restore_and_list_withdrawn(county_file, capsys):
    from models.org import Organization
    from tests.supervision_factories import problem

    db = open_database(county_file)
    with db.session() as s:
        village = s.scalar(select(Organization).where(Organization.short_name == "红星村党支部"))
        pid = problem(s, Actor("测试员", Role.ADMIN), village, description="误录：三会一课记录不全").id
        problem(s, Actor("测试员", Role.ADMIN), village, description="党费收缴不及时")
        s.commit()
    db.dispose()
    with pytest.raises(SystemExit):  # --reason is required
        run(county_file, "problem", "withdraw", "--id", str(pid))
    assert "--reason" in capsys.readouterr().err
    assert run(county_file, "problem", "withdraw", "--id", str(pid), "--reason", "重复登记") == 0
    assert capsys.readouterr().out.splitlines() == [
        f"已撤销问题{pid}“误录：三会一课记录不全”（problem restore --id {pid} 可恢复）"]
    assert run(county_file, "problem", "list", "--month", "2026-03") == 0
    out = capsys.readouterr().out
    assert "误录" not in out and "共1个问题" in out
    assert run(county_file, "problem", "list", "--month", "2026-03", "--withdrawn") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(f"{pid}\t2026-03-10\t") and "\t已撤销\t" in lines[0] and "共2个问题" in lines[-1]
    assert run(county_file, "problem", "restore", "--id", str(pid), "--reason", "撤销有误") == 0
    assert capsys.readouterr().out.splitlines() == [f"已恢复问题{pid}“误录：三会一课记录不全”"]
    assert run(county_file, "problem", "restore", "--id", str(pid)) == 1
    assert "没有撤销，无需恢复" in capsys.readouterr().err


# ---------------------------------------------------------------- PDF documents


def test_letter_doc_and_files_named_by_number(session, actor, county, tmp_path, letter_pdf):  # noqa: F811
    from models.services import supervision as sv
    from reports.letters import export_letter_pdfs, letter_doc
    from tests.supervision_factories import problem, task

    task(session, actor)
    problem(session, actor, county.village)
    problem(session, actor, county.community, description="党员活动室被挪作他用", category="阵地建设")
    drafts = sv.draft_letters(session, actor, "2026-03", as_of=date(2026, 3, 11))
    supervision = next(x for x in drafts if x.kind.value == "督办函")
    doc = letter_doc(session, supervision)
    assert doc.number == "" and doc.recipient == "中共某某县东城镇委员会"
    assert doc.attachments == ["督办问题清单"] and doc.table is None  # the list is 附件1
    assert doc.appendices[0].table.headers == ["序号", "党组织", "发现日期", "来源", "严重程度", "问题描述", "整改时限"]
    assert doc.appendices[0].table.rows == [
        ["1", "红星村党支部", "2026年3月10日", "督查", "一般", "三会一课记录不全", "2026年3月26日"],
        ["2", "幸福社区党支部", "2026年3月10日", "督查", "一般", "党员活动室被挪作他用", "2026年3月26日"]]
    reminder = next(x for x in drafts if x.recipient_id == county.east.id and x.kind.value == "提示函")
    rdoc = letter_doc(session, reminder)
    assert rdoc.appendices[0].table.headers == ["工作任务", "主要内容", "有关要求", "完成时限", "存档目录"]
    assert rdoc.appendices[0].table.rows[0][3] == "2026年3月31日"
    assert rdoc.agency_name == rdoc.author == rdoc.signature == "中共某某县委组织部"
    paths = export_letter_pdfs(session, SYSTEM, [supervision], tmp_path / "out")
    assert [p.name for p in paths] == [f"草稿-{supervision.id}.pdf"]
    sv.issue_letters(session, actor, [x.id for x in drafts], on=date(2026, 3, 12), reason="补录")
    paths = export_letter_pdfs(session, SYSTEM, drafts, tmp_path / "out", combined=tmp_path / "all.pdf")
    names = sorted(p.name for p in paths)
    assert "某组督〔2026〕1号.pdf" in names and "某组提〔2026〕2号.pdf" in names and "all.pdf" in names
    if not letter_pdf:  # the real renderer: the number and the recipient are in the text
        import subprocess

        text = subprocess.run(["pdftotext", str(tmp_path / "out" / "某组督〔2026〕1号.pdf"), "-"],
                              capture_output=True, text=True).stdout
        assert "某组督〔2026〕1号" in text and "中共某某县东城镇委员会" in text.replace(" ", "")


def test_letters_pdf_command_and_templates(county_file, tmp_path, capsys, letter_pdf):  # noqa: F811
    assert run(county_file, "template", "problems", "--out", str(tmp_path / "p.xlsx")) == 0
    from reports.xlsx import read_sheet

    assert read_sheet(tmp_path / "p.xlsx")[0] == PROBLEM_HEADERS
    assert run(county_file, "template", "tasks", "--out", str(tmp_path / "t.xlsx")) == 0
    assert read_sheet(tmp_path / "t.xlsx")[0] == TASK_HEADERS
    path = xlsx(tmp_path / "in.xlsx", PROBLEM_HEADERS, [
        ["2026-03-10", "红星村党支部", "督查", "组织生活", "三会一课记录不全", "", "", "", "", ""],
        ["2026-03-10", "中心小学党支部", "暗访", "阵地建设", "活动室挪用", "", "", "", "", ""],
    ])
    assert run(county_file, "import", "problems", str(path)) == 0
    assert run(county_file, "letters", "draft", "--month", "2026-03", "--as-of", "2026-03-11") == 0
    assert run(county_file, "letters", "issue", "--id", "1", "--date", "2026-03-12", "--reason", "补录") == 0
    out_dir = tmp_path / "pdf"
    assert run(county_file, "letters", "pdf", "--month", "2026-03", "--out", str(out_dir),
               "--combined", str(tmp_path / "all.pdf")) == 0
    assert {p.name for p in out_dir.iterdir()} == {"草稿-2.pdf", "某组督〔2026〕1号.pdf"}
    assert (tmp_path / "all.pdf").read_bytes().startswith(b"%PDF")
    assert "生成2份函件的PDF" in capsys.readouterr().out


def test_problem_edit_into_another_problem_is_refused(county_file, tmp_path, capsys):
    path = xlsx(tmp_path / "p.xlsx", PROBLEM_HEADERS, [
        ["2026-03-10", "红星村党支部", "督查", "组织生活", "三会一课记录不全", "", "", "", "", ""],
        ["2026-03-10", "红星村党支部", "督查", "组织生活", "党费收缴不及时", "", "", "", "", ""],
    ])
    assert run(county_file, "import", "problems", str(path)) == 0
    capsys.readouterr()
    assert run(county_file, "problem", "edit", "--id", "2", "--description", "三会一课记录不全") == 1
    err = capsys.readouterr().err
    assert "红星村党支部2026年3月10日已登记相同的问题“三会一课记录不全”（编号1，" in err
    assert "不能重复登记" in err
    db = open_database(county_file)
    with db.session() as s:
        assert s.get(Problem, 2).description == "党费收缴不及时"
    db.dispose()


def test_month_tasks_from_the_command_line(county_file, capsys):
    """task add / edit / list / withdraw / restore: what the 月度任务 tab does, by command."""
    assert run(county_file, "task", "add", "--month", "2026-03", "--title", "召开支部党员大会",
               "--due", "2026-03-31", "--scope", "东城镇党委、西山乡党委") == 0
    out = capsys.readouterr().out
    assert "已新增任务：" in out and "召开支部党员大会\t2026-03-31\t东城镇党委、西山乡党委" in out
    task_id = int(out.split("：")[1].split("\t")[0])
    assert run(county_file, "task", "edit", "--id", str(task_id), "--title", "召开党员大会", "--scope", "全部") == 0
    assert "召开党员大会\t2026-03-31\t全部" in capsys.readouterr().out
    assert run(county_file, "task", "add", "--month", "2026-03", "--title", "主题党日", "--scope", "北湖镇") == 1
    assert "适用范围：找不到党组织“北湖镇”" in capsys.readouterr().err
    # withdrawn: off the list unless asked; entering it again is refused, restoring it is the way back
    assert run(county_file, "task", "withdraw", "--id", str(task_id), "--reason", "误撤") == 0
    assert f"task restore --id {task_id}" in capsys.readouterr().out
    assert run(county_file, "task", "list", "--month", "2026-03") == 0
    assert capsys.readouterr().out.strip() == "共0项任务"
    assert run(county_file, "task", "list", "--month", "2026-03", "--withdrawn") == 0
    assert "召开党员大会\t2026-03-31\t全部\t已撤回" in capsys.readouterr().out
    assert run(county_file, "task", "add", "--month", "2026-03", "--title", "召开党员大会") == 1
    assert "已撤回：可恢复这项任务" in capsys.readouterr().err
    assert run(county_file, "task", "restore", "--id", str(task_id), "--reason", "撤回有误") == 0
    assert f"已恢复任务{task_id}“召开党员大会”" in capsys.readouterr().out
    assert run(county_file, "task", "list", "--month", "2026-03") == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "共1项任务" and lines[0].endswith("全部\t")
