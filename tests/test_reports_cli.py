"""export quarterly / import quarterly / report monthly through the command line, on demo counties."""

import subprocess

import pytest
from openpyxl import load_workbook

from desktop.cli import main
from reports import quarterly as q


@pytest.fixture(scope="module")
def three_counties(tmp_path_factory):
    folder = tmp_path_factory.mktemp("counties")
    books = []
    for seed in (1, 2, 3):
        db = folder / f"c{seed}.sqlite3"
        assert main(["--db", str(db), "init", "--county", f"中共{seed}号县委员会"]) == 0
        set_agency_name(db, f"中共{seed}号县委组织部")  # each county reports as itself
        assert main(["--db", str(db), "demo", "--scale", "small", "--seed", str(seed)]) == 0
        out = folder / f"q{seed}.xlsx"
        assert main(["--db", str(db), "export", "quarterly", "--quarter", "2026Q3", "--out", str(out)]) == 0
        books.append(out)
    return folder, books


def set_agency_name(path, name):
    from models.db import open_database
    from models.settings import set_setting

    db = open_database(path)
    with db.session() as s:
        set_setting(s, "agency_name", name)
        s.commit()
    db.dispose()


def values(path, sheet):
    ws = load_workbook(path)[sheet]
    return [list(r) for r in ws.iter_rows(min_row=q.FIRST_DATA_ROW, values_only=True)]


def test_the_summary_is_the_sum_of_three_workbooks(three_counties, capsys):
    folder, books = three_counties
    out = folder / "sum.xlsx"
    assert main(["--db", str(folder / "c1.sqlite3"), "import", "quarterly", *map(str, books), "--out", str(out)]) == 0
    for sheet in q.SHEETS:
        if not isinstance(sheet, q.SummarySheet):
            continue
        summary = values(out, sheet.name)
        totals = [next(r for r in values(b, sheet.name) if r[0] == "合计") for b in books]
        assert len(summary) == 4 and summary[-1][0] == "合计"
        headers = sheet.headers()
        for col, header in enumerate(headers[1:], start=1):
            column = next(c for c in sheet.columns if header in (c.name, f"{c.name}较上季度"))
            for unit_row, total in zip(summary[:3], totals, strict=True):
                assert unit_row[col] == total[col], (sheet.name, header)
            if column.summable:
                assert summary[-1][col] == pytest.approx(sum(t[col] for t in totals)), (sheet.name, header)
    detail = values(out, "问题明细")
    assert len(detail) == sum(len(values(b, "问题明细")) for b in books)


def test_a_wrong_total_is_refused_and_named(three_counties, capsys):
    folder, books = three_counties
    wb = load_workbook(books[0])
    ws = wb["结对帮扶"]
    total_row = next(r for r in range(q.FIRST_DATA_ROW, ws.max_row + 1) if ws.cell(r, 1).value == "合计")
    ws.cell(total_row, 2).value = 9999
    bad = folder / "bad.xlsx"
    wb.save(bad)
    code = main(["--db", str(folder / "c1.sqlite3"), "import", "quarterly", str(bad), str(books[1]),
                 "--out", str(folder / "x.xlsx")])
    assert code == 1
    err = capsys.readouterr().err
    assert f"bad.xlsx「结对帮扶」第{total_row}行“合计”的“结对数”为9999" in err
    assert not (folder / "x.xlsx").exists()


def test_monthly_report_through_the_cli(three_counties):
    folder, _ = three_counties
    pdf = folder / "m.pdf"
    assert main(["--db", str(folder / "c1.sqlite3"), "report", "monthly", "--month", "2026-10",
                 "--out", str(pdf)]) == 0
    text = "".join(subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout.split())
    assert "今年以来共查出问题" in text and "2026年10月基层党建督查通报" in text
