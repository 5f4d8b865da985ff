"""Pairings and activities from the templates of docs/interfaces.md; the register export; the CLI."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.cli import main
from models.db import open_database
from models.pairing import Pairing, PairingActivity
from models.services import pairing as svc
from models.services.members import create_member
from reports.pairing_xlsx import ACTIVITY_HEADERS, PAIRING_HEADERS
from tests.conftest import ROOT
from tests.factories import member_values
from tests.pairing_helpers import build_pairing_county


def sheet(path, headers, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


@pytest.fixture
def dbfile(tmp_path, actor):
    path = tmp_path / "p.sqlite3"
    db = open_database(path)
    with db.session() as s:
        pc = build_pairing_county(s, actor)
        m = create_member(s, actor, member_values(1))
        svc.create_household(s, actor, "李大爷", pc.villages[0].id, "留守老人")
        s.commit()
        name = m.name
    db.dispose()
    return path, name


def count(path, model):
    db = open_database(path)
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(model))
    db.dispose()
    return n


def test_pairings_with_bad_rows_write_nothing(tmp_path, dbfile, capsys):
    path, member = dbfile
    good = ["城乡联建", "县医院党支部", "红星村党支部、青山村党支部、白石村党支部", "2026-01-05", None,
            "发展集体经济", None]
    xlsx = sheet(tmp_path / "p.xlsx", PAIRING_HEADERS, [
        good,
        ["城乡联建", "县医院党支部", "不存在村党支部、青山村党支部", "2026-01-05", None, None, None],
        ["村企联建", "食品公司党支部", "柳溪村党支部", "2026-02-30", None, None, None],
        ["乡村振兴", "食品公司党支部", "桃园村党支部", "2026-02-01", None, None, None],
        ["党员结对帮扶(一对一)", f"党员:{member}", "户主:李大爷", "2026.3.1", None, None, "进行中"],
        ["党员结对帮扶(一对一)", "党员:王不在", "户主:张三", "2026.3.1", None, None, None],
    ])
    assert main(["--db", str(path), "import", "pairings", str(xlsx)]) == 1
    err = capsys.readouterr().err
    assert "第3行 被帮扶方“不存在村党支部、青山村党支部”：找不到党组织“不存在村党支部”" in err
    assert "第4行 开始日期“2026-02-30”：“2026-02-30”不是有效日期" in err
    assert "第5行 结对类型“乡村振兴”：“乡村振兴”不在可选项中" in err
    assert "第7行 牵头方“党员:王不在”：找不到党员“党员:王不在”" in err
    assert "第7行 被帮扶方“户主:张三”：找不到户“户主:张三”（请先登记该户）" in err
    assert "第2行" not in err and "第6行" not in err
    assert count(path, Pairing) == 0
    assert main(["--db", str(path), "import", "pairings", str(xlsx), "--keep-valid"]) == 1
    assert count(path, Pairing) == 2
    # the same pairing again is a duplicate
    again = sheet(tmp_path / "again.xlsx", PAIRING_HEADERS, [good])
    assert main(["--db", str(path), "import", "pairings", str(again)]) == 1
    assert "与现有结对JD2026-001重复" in capsys.readouterr().err


def test_activities_exact_funds_and_bad_rows(tmp_path, dbfile, capsys):
    path, _ = dbfile
    pairings = sheet(tmp_path / "p.xlsx", PAIRING_HEADERS, [
        ["城乡联建", "县医院党支部", "红星村党支部、青山村党支部", "2026-01-05", None, None, None]])
    assert main(["--db", str(path), "import", "pairings", str(pairings)]) == 0
    acts = sheet(tmp_path / "a.xlsx", ACTIVITY_HEADERS, [
        ["JD2026-001", "2026-02-01", "资金帮扶", "拨付资金", 0.1, "村道硬化", 30],
        ["县医院党支部与红星村党支部、青山村党支部城乡联建", "2026-03-01", "资金帮扶", "拨付资金", "0.20",
         "村道硬化", 30],
        ["JD2026-001", "2026年4月1日", "走访慰问", "慰问", None, None, None],
        ["JD2099-001", "2026-04-01", "走访慰问", "慰问", 1, None, None],
        ["JD2026-001", "2026-04-31", "走访慰问", "慰问", 1, None, None],
        ["JD2026-001", "2026-04-01", "走访慰问", "慰问", "一千元", None, None],
        ["JD2026-001", "2026-04-01", "宣讲", "慰问", 1, None, None],
    ])
    assert main(["--db", str(path), "import", "activities", str(acts)]) == 1
    err = capsys.readouterr().err
    assert "第5行 结对名称或编号“JD2099-001”：找不到该结对" in err
    assert "第6行 日期“2026-04-31”：“2026-04-31”不是有效日期" in err
    assert "第7行 资金(元)“一千元”：“一千元”不是金额" in err
    assert "第8行 活动类型“宣讲”：“宣讲”不在可选项中" in err
    assert count(path, PairingActivity) == 0
    assert main(["--db", str(path), "import", "activities", str(acts), "--keep-valid"]) == 1
    capsys.readouterr()
    assert main(["--db", str(path), "pairing", "list"]) == 0
    out = capsys.readouterr().out
    assert "共1个结对，活动3次，资金0.30元，项目1个" in out
    # the register export: the template columns, then the totals; activities; township summary
    xlsx = tmp_path / "register.xlsx"
    assert main(["--db", str(path), "export", "pairings", "--out", str(xlsx)]) == 0
    wb = load_workbook(xlsx)
    assert wb.sheetnames == ["结对", "活动", "乡镇汇总"]
    rows = list(wb["结对"].values)
    assert list(rows[0][:7]) == PAIRING_HEADERS
    assert rows[1][1] == "中共某某县人民医院支部委员会"
    assert rows[1][7] == "JD2026-001" and rows[1][10] == 3 and Decimal(str(rows[1][11])) == Decimal("0.30")
    assert list(next(wb["活动"].values)) == ACTIVITY_HEADERS
    summary = {r[0]: r for r in list(wb["乡镇汇总"].values)[1:]}
    assert summary["东城镇党委"][1:3] == (1, 3) and summary["西山乡党委"][1] == 0
    assert summary["合计"][1:3] == (1, 3)


def test_templates_and_cli_check(tmp_path, dbfile):
    path, _ = dbfile
    for kind, headers in (("pairings", PAIRING_HEADERS), ("activities", ACTIVITY_HEADERS)):
        out = tmp_path / f"{kind}.xlsx"
        r = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path), "template", kind,
                            "--out", str(out)], cwd=ROOT, capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        wb = load_workbook(out)
        assert list(next(wb.worksheets[0].values)) == headers
        notes = {row[0]: row[1] for row in wb["填写说明"].values}
        if kind == "pairings":
            assert "党员:姓名(身份证号后4位)" in notes["牵头方"]
    pairings = sheet(tmp_path / "p.xlsx", PAIRING_HEADERS, [
        ["城乡联建", "县医院党支部", "红星村党支部", "2026-01-05", "2026-06-30", None, None]])
    assert main(["--db", str(path), "import", "pairings", str(pairings)]) == 0
    r = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path), "pairing", "check",
                        "--as-of", "2026-11-23"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    name = "县医院党支部与红星村党支部城乡联建"
    assert f"结对无活动\tJD2026-001 {name}\t已322天没有开展活动（自2026-01-05开始以来没有活动记录）" in lines
    assert f"结对逾期\tJD2026-001 {name}\t结束日期2026-06-30已过，状态仍为进行中" in lines
    assert f"城乡联建村数\tJD2026-001 {name}\t联建1个村，应为2至4个村" in lines
    assert lines[-1] == "共3条提示"
    r = subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(path), "pairing", "summary",
                        "--year", "2026"], cwd=ROOT, capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert "东城镇党委\t1\t0\t0.00\t0" in r.stdout.splitlines()
    assert "合计\t1\t0\t0.00\t0" in r.stdout.splitlines()
