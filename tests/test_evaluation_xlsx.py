"""Evaluation workbooks: fill-in export, import with row errors, results; the evaluate commands."""

from __future__ import annotations

import subprocess
import sys

from openpyxl import load_workbook

from models.actor import SYSTEM
from models.evaluation import EvaluationSheet
from models.services import evaluation as ev
from reports import evaluation_xlsx as ex
from tests.conftest import ROOT
from tests.evaluation_helpers import add_members


def open_democratic(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    add_members(session, actor, 4)
    add_members(session, actor, 1, start=40, probationary=1)
    rnd = ev.open_round(session, actor, ev.find_scheme(session, "民主评议党员"), "2025", county.east)
    session.commit()
    return rnd


def test_export_fill_and_import_back(session, actor, county, tmp_path):
    rnd = open_democratic(session, actor, county)
    path = tmp_path / "fill.xlsx"
    assert ex.export_fill_sheets(session, SYSTEM, rnd.id, path) == 5
    wb = load_workbook(path)
    ws = wb.active
    header = [c.value for c in ws[1]]
    assert header[:5] == ["评价表编号", "党支部", "姓名", "公民身份号码", "类型"]
    assert "党员互评-优秀" in header and "群众评议-不合格" in header
    assert ws.column_dimensions["A"].hidden
    assert "*" in ws.cell(row=2, column=4).value
    col = {h: i + 1 for i, h in enumerate(header)}
    for r in range(2, 7):
        ws.cell(row=r, column=col["党员互评-合格"], value=19)
        ws.cell(row=r, column=col["群众评议-合格"], value=4)
        ws.cell(row=r, column=col["个人自评"], value="已完成")
        ws.cell(row=r, column=col["自评摘要"], value="按时参加组织生活")
    ws.cell(row=2, column=col["党员互评-优秀"], value=1)
    wb.save(path)
    result = ex.import_fill_sheets(session, actor, path)
    session.commit()
    assert result.errors == [] and result.imported == 5
    rows = ev.sheet_rows(session, rnd.id)
    assert [r.final_level for r in rows] == ["合格", "合格", "合格", "合格", ev.NOT_GRADED]
    assert ev.display_score(rows[0].total) == "80.6"  # 0.6×(100+19×80)/20 + 0.4×80 = 48.6 + 32

    results = tmp_path / "results.xlsx"
    assert ex.export_results(session, SYSTEM, rnd.id, results) == 5
    res = load_workbook(results)
    assert [c.value for c in res["评价结果"][2]][4:7] == [80.6, "合格", "合格"]  # a number, shown 0.0
    assert res["评价结果"]["E2"].number_format == "0.0"
    assert res["统计"]["A2"].value == "合格" and res["统计"]["B2"].value == 4


def test_import_with_bad_rows_writes_nothing(session, actor, county, tmp_path):
    rnd = open_democratic(session, actor, county)
    path = tmp_path / "fill.xlsx"
    ex.export_fill_sheets(session, SYSTEM, rnd.id, path)
    wb = load_workbook(path)
    ws = wb.active
    col = {c.value: i + 1 for i, c in enumerate(ws[1])}
    ws.cell(row=2, column=col["党员互评-合格"], value=10)
    ws.cell(row=3, column=col["党员互评-合格"], value="十")
    ws.cell(row=4, column=col["群众评议-优秀"], value=-2)
    ws.cell(row=5, column=col["姓名"], value="李四")
    ws.cell(row=6, column=col["评价表编号"], value=99999)
    wb.save(path)
    report = tmp_path / "errors.xlsx"
    result = ex.import_fill_sheets(session, actor, path, report=report)
    assert not result.written
    assert [str(e) for e in result.errors] == [
        "第3行 党员互评-合格“十”：票数应为整数",
        "第4行 群众评议-优秀“-2”：票数不能为负数",
        f"第5行 姓名“李四”：与评价表编号对应的是“{ev.sheet_rows(session, rnd.id)[3].subject_name}”，"
        "请勿改动编号或排序后错行",
        "第6行 评价表编号“99999”：找不到该评价表",
    ]
    assert all(s.total is None for s in session.query(EvaluationSheet))
    assert load_workbook(report).active["D2"].value == "票数应为整数"
    kept = ex.import_fill_sheets(session, actor, path, keep_valid=True)
    assert kept.imported == 1


def run(db, *args):
    return subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(db), *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


def test_evaluate_commands(sqlite_path, tmp_path, actor):
    from models.db import open_database
    from tests.factories import build_county

    r = run(sqlite_path, "init")
    assert r.returncode == 0, r.stderr
    db = open_database(sqlite_path)
    with db.session() as s:
        build_county(s, actor)
        s.commit()
        add_members(s, actor, 3)
    db.dispose()
    r = run(sqlite_path, "evaluate", "open", "--scheme", "星级党支部", "--period", "2025", "--org", "东城镇党委")
    assert r.returncode == 0, r.stderr
    assert "已开启评价：星级党支部 2025（东城镇党委），2个党组织，2张评价表" in r.stdout
    r = run(sqlite_path, "evaluate", "open", "--scheme", "星级党支部", "--period", "2025Q1")
    assert r.returncode == 1 and "不是年度周期" in r.stderr
    fill = tmp_path / "fill.xlsx"
    r = run(sqlite_path, "evaluate", "export", "--scheme", "星级党支部", "--period", "2025", "--out", str(fill))
    assert r.returncode == 0, r.stderr
    wb = load_workbook(fill)
    ws = wb.active
    for c, v in zip(range(4, 11), [15, 15, 15, 15, 10, 5, 14.95], strict=True):
        ws.cell(row=2, column=c, value=v)  # 89.95
    for c in range(4, 11):
        ws.cell(row=3, column=c, value=9)
    ws.cell(row=3, column=4, value=16)  # 班子建设 max 15
    wb.save(fill)
    r = run(sqlite_path, "evaluate", "import", str(fill))
    assert r.returncode == 1 and "第3行 班子建设(15)“16”：超过最高分15" in r.stderr
    for c, v in zip(range(4, 11), [15, 15, 15, 15, 10, 12.59, 10], strict=True):
        ws.cell(row=3, column=c, value=v)  # 92.59
    wb.save(fill)
    r = run(sqlite_path, "evaluate", "import", str(fill))
    assert r.returncode == 0, r.stderr
    out = tmp_path / "results.xlsx"
    r = run(sqlite_path, "evaluate", "results", "--scheme", "星级党支部", "--period", "2025", "--out", str(out))
    assert r.returncode == 0, r.stderr
    rows = [[c.value for c in row] for row in load_workbook(out)["评价结果"].iter_rows(min_row=2)]
    # one rule: half up to one decimal, the level on the rounded total (docs/evaluation-rules.md)
    assert [row[1:5] for row in rows] == [["中共东城镇红星村支部委员会", 90.0, "★★★★★", "★★★★★"],
                                          ["中共东城镇幸福社区支部委员会", 92.6, "★★★★★", "★★★★★"]]
    assert load_workbook(out)["评价结果"]["C3"].number_format == "0.0"
    r = run(sqlite_path, "evaluate", "lock", "--scheme", "星级党支部", "--period", "2025")
    assert r.returncode == 1 and "须先审核并公示" in r.stderr
    assert run(sqlite_path, "evaluate", "review", "--scheme", "星级党支部", "--period", "2025").returncode == 0
    r = run(sqlite_path, "evaluate", "post", "--scheme", "星级党支部", "--period", "2025", "--start", "2026-01-05")
    assert "公示中，公示至2026-01-09" in r.stdout
    r = run(sqlite_path, "evaluate", "lock", "--scheme", "星级党支部", "--period", "2025")
    assert r.returncode == 0, r.stderr
    assert "已确定并锁定" in r.stdout
    r = run(sqlite_path, "evaluate", "reopen", "--scheme", "星级党支部", "--period", "2025",
            "--reason", "")
    assert r.returncode == 1 and "重新开启理由：必填" in r.stderr
    r = run(sqlite_path, "evaluate", "history", "--org", "红星村党支部")
    assert r.stdout.splitlines()[1] == "星级党支部\t2025\t90.0\t★★★★★\t"
    r = run(sqlite_path, "evaluate", "history", "--org", "幸福社区党支部")
    assert r.stdout.splitlines()[1] == "星级党支部\t2025\t92.6\t★★★★★\t"
    r = run(sqlite_path, "evaluate", "schemes")
    assert [line.split("\t")[0] for line in r.stdout.splitlines()] == ["星级党支部", "星级党员", "民主评议党员", "双评"]
    assert run(sqlite_path, "evaluate", "scheme-copy", "星级党支部", "星级党支部2027").returncode == 0
    definition = tmp_path / "scheme.json"
    run(sqlite_path, "evaluate", "scheme-show", "星级党支部2027", "--out", str(definition))
    text = definition.read_text(encoding="utf-8").replace('"min": "90"', '"min": "92"')
    definition.write_text(text, encoding="utf-8")
    r = run(sqlite_path, "evaluate", "scheme-edit", "星级党支部", str(definition))
    assert r.returncode == 1 and "已有确定的评价结果，不能修改" in r.stderr
    r = run(sqlite_path, "evaluate", "scheme-edit", "星级党支部2027", str(definition))
    assert r.returncode == 0, r.stderr
    assert '"min": "92"' in run(sqlite_path, "evaluate", "scheme-show", "星级党支部2027").stdout
    assert run(sqlite_path, "evaluate", "followups").stdout.strip() == "共0条"


def test_a_township_clerk_exports_only_their_township_masked(session, actor, county, tmp_path):
    from models.actor import Actor

    rnd = open_democratic(session, actor, county)
    east = Actor("东城镇办事员", "乡镇办事员", county.east.id)
    west = Actor("西山乡办事员", "乡镇办事员", county.west.id)
    assert ex.export_results(session, west, rnd.id, tmp_path / "w.xlsx", mask=False) == 0
    assert ex.export_fill_sheets(session, west, rnd.id, tmp_path / "wf.xlsx", mask=False) == 0
    assert ex.export_results(session, east, rnd.id, tmp_path / "e.xlsx", mask=False) == 5
    numbers = [r[2] for r in load_workbook(tmp_path / "e.xlsx").worksheets[0].iter_rows(min_row=2, values_only=True)]
    assert numbers and all("*" in n for n in numbers)
