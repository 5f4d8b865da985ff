"""Every exported workbook prints: A4, landscape when wide, fitted to the page width, header rows on
every page, page numbers, a readable size; numbers are numbers; templates offer drop-down lists;
`import quarterly` refuses the same unit's workbook twice."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from desktop.cli import main
from models.db import open_database
from models.enums import ETHNIC_GROUPS, OrgKind, Sector
from models.periods import quarter
from models.services import evaluation as ev
from models.services import members as ms
from models.services import pairing as svc
from models.settings import set_setting
from reports import evaluation_xlsx as ex
from reports import quarterly as q
from reports.pairing_xlsx import export_pairings
from reports.roster import export_members, export_orgs
from reports.xlsx import LINE_PT, RowError, header_lines, printed_size, write_error_report
from tests.evaluation_helpers import add_members
from tests.factories import build_county, member_values
from tests.pairing_helpers import build_pairing_county

FOOTER = "第 &P 页 共 &N 页"


def widths_of(ws) -> list[float]:
    """The printed columns' widths as the file holds them (hidden columns do not print)."""
    out = []
    for i in range(1, ws.max_column + 1):
        dim = ws.column_dimensions[get_column_letter(i)]
        if not dim.hidden:
            out.append(dim.width or 13)
    return out


def assert_print_ready(path, title_rows: str = "$1:$1", min_pt: float = 9.0, renderers=("excel",)) -> None:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        where = f"{path.name}「{ws.title}」"
        assert ws.print_title_rows == (title_rows if ws.title != "选项" else "$1:$1"), where
        assert ws.page_setup.paperSize in (9, "9"), where
        wide = sum(widths_of(ws)) * 7.1 > 595.3 - 0.7 * 72
        assert ws.page_setup.orientation == ("landscape" if wide else "portrait"), where
        assert ws.sheet_properties.pageSetUpPr.fitToPage, where
        assert int(ws.page_setup.fitToWidth) == 1 and int(ws.page_setup.fitToHeight) == 0, where
        assert ws.oddFooter.center.text == FOOTER, where
        for renderer in renderers:
            assert printed_size(widths_of(ws), renderer) >= min_pt, (where, renderer)


# ---------------------------------------------------------------- roster and organizations


def test_roster_and_org_list_print_and_keep_types(session, actor, county, tmp_path):
    ms.create_member(session, actor, member_values(1))
    session.commit()
    members = tmp_path / "members.xlsx"
    assert export_members(session, actor, members) == 1
    assert_print_ready(members)
    ws = load_workbook(members).active
    assert ws.page_setup.orientation == "landscape"
    row = {h.value: c for h, c in zip(ws[1], ws[2], strict=True)}
    assert isinstance(row["公民身份号码"].value, str) and row["公民身份号码"].number_format == "@"
    assert isinstance(row["联系电话"].value, str) and row["联系电话"].number_format == "@"
    assert isinstance(row["加入党组织日期"].value, datetime) and row["加入党组织日期"].is_date
    # a long branch name wraps, and its row is as tall as its lines (LibreOffice does not fit rows)
    branch = row["所在党支部"].value
    assert row["所在党支部"].alignment.wrap_text and len(branch) > 8
    assert ws.row_dimensions[2].height >= 2 * LINE_PT
    orgs = tmp_path / "orgs.xlsx"
    export_orgs(session, actor, orgs)
    # the organization list prints at 9 pt or more even where LibreOffice lacks Calibri's metrics
    assert_print_ready(orgs, renderers=("excel", "libreoffice"))
    ws = load_workbook(orgs).active
    terms = [r[9] for r in ws.iter_rows(min_row=2, values_only=True) if r[9] is not None]
    assert terms and all(isinstance(t, int) for t in terms)


# ---------------------------------------------------------------- quarterly workbook


def test_quarterly_prints_every_sheet_at_nine_points_at_least(session, actor, county, tmp_path):
    ms.create_member(session, actor, member_values(1))
    session.commit()
    path = q.export_quarterly(session, actor, tmp_path / "q.xlsx", quarter("2026Q3"), "中共某某县委组织部", q.SHEETS,
                              reported=date(2026, 10, 8))
    # 9 pt at least (the floor), also with LibreOffice's wider stand-in for Calibri (7.1 pt a width unit)
    assert_print_ready(path, title_rows="$1:$3", min_pt=9.0, renderers=("excel", "libreoffice"))
    wb = load_workbook(path)
    assert wb.sheetnames == ["党组织和党员", "星级评定", "评议结果", "结对帮扶", "三函工作", "问题明细"]
    ws = wb["党组织和党员"]
    total = [c for c in ws.iter_rows(min_row=q.FIRST_DATA_ROW) if c[0].value == "合计"][0]
    assert all(isinstance(c.value, int) for c in total[1:])
    # the wrapped headers get the height they need
    assert ws.row_dimensions[q.HEADER_ROW].height >= 3 * LINE_PT


def test_quarterly_headers_fit_their_row():
    for sheet in q.SHEETS:
        widths = q._summary_layout(sheet)[0] if isinstance(sheet, q.SummarySheet) else [c.width for c in sheet.columns]
        assert header_lines(sheet.headers(), widths) <= 5, sheet.name
        assert printed_size(widths, "libreoffice") >= 9.0, sheet.name


def _county_file(tmp_path, actor, name="c.sqlite3"):
    path = tmp_path / name
    db = open_database(path)
    with db.session() as s:
        build_county(s, actor)
        ms.create_member(s, actor, member_values(1))
        s.commit()
    db.dispose()
    return path


def test_import_quarterly_refuses_the_same_unit_twice(tmp_path, actor, capsys):
    dbfile = _county_file(tmp_path, actor)
    a, b, c = (tmp_path / n for n in ("a.xlsx", "b.xlsx", "c.xlsx"))
    for out in (a, b):
        assert main(["--db", str(dbfile), "export", "quarterly", "--quarter", "2026Q3", "--out", str(out)]) == 0
    capsys.readouterr()
    assert main(["--db", str(dbfile), "import", "quarterly", str(a), str(b), "--out", str(c)]) == 1
    err = capsys.readouterr().err
    assert "“a.xlsx”和“b.xlsx”都是" in err and "2026Q3" in err and "只能汇总一份" in err
    assert not c.exists()
    # --out naming one of the inputs would overwrite it: a usage error, the input untouched
    before = a.read_bytes()
    assert main(["--db", str(dbfile), "import", "quarterly", str(a), "--out", str(tmp_path / "." / "a.xlsx")]) == 2
    assert "a.xlsx" in capsys.readouterr().err
    assert a.read_bytes() == before
    # one workbook still adds up, and the sum reads back
    assert main(["--db", str(dbfile), "import", "quarterly", str(a), "--out", str(c)]) == 0
    assert_print_ready(c, title_rows="$1:$3", min_pt=9.0, renderers=("excel", "libreoffice"))
    book, problems = q.read_unit_workbook(c, q.SHEETS)
    assert problems == [] and book.period == "2026Q3"


# ---------------------------------------------------------------- pairings and evaluations


def test_pairing_register_prints_and_money_is_a_number(session, actor, tmp_path):
    pc = build_pairing_county(session, actor)
    p = svc.create_pairing(session, actor, type="城乡联建", leads=[svc.PartyRef("org", pc.urban.id)],
                           assisted=[svc.PartyRef("org", pc.villages[0].id)], start_on=date(2026, 1, 5))
    svc.add_activity(session, actor, p.id, date(2026, 2, 1), "资金帮扶", "拨付资金", funds=Decimal("1200.50"),
                     project="村道硬化", people=30)
    session.commit()
    path = tmp_path / "register.xlsx"
    export_pairings(session, actor, path)
    assert_print_ready(path)
    wb = load_workbook(path)
    act = wb["活动"]
    assert act["E2"].value == 1200.5 and act["E2"].number_format == "#,##0.00"
    assert act["G2"].value == 30
    assert isinstance(act["B2"].value, datetime)


def test_evaluation_results_print_and_totals_are_numbers(session, actor, county, tmp_path):
    ev.ensure_builtin_schemes(session, actor)
    add_members(session, actor, 2)
    rnd = ev.open_round(session, actor, ev.find_scheme(session, "民主评议党员"), "2025", county.east)
    session.commit()
    fill = tmp_path / "fill.xlsx"
    ex.export_fill_sheets(session, actor, rnd.id, fill)
    assert_print_ready(fill)
    results = tmp_path / "results.xlsx"
    ex.export_results(session, actor, rnd.id, results)
    assert_print_ready(results)
    assert load_workbook(results)["统计"]["B2"].data_type == "n"


# ---------------------------------------------------------------- templates


def validations(path) -> dict[str, list[str]]:
    """header → the words of its drop-down list, resolved through the hidden 选项 sheet."""
    wb = load_workbook(path)
    ws = wb.worksheets[0]
    headers = [c.value for c in ws[1]]
    out = {}
    for dv in ws.data_validations.dataValidation:
        assert dv.type == "list"
        col = str(dv.sqref).split(":")[0].rstrip("0123456789")
        assert str(dv.sqref).endswith("2001")
        sheet, ref = dv.formula1.split("!")
        src = wb[sheet.strip("'")]
        first, last = ref.replace("$", "").split(":")
        words = [r[0].value for r in src[first:last]]
        out[headers[ws[f"{col}1"].column - 1]] = words
    return out


def test_templates_offer_lists_and_custom_problem_categories(tmp_path, sqlite_path, actor):
    db = open_database(sqlite_path)
    with db.session() as s:
        set_setting(s, "problem_categories", "班子建设、党员教育、阵地建设、其他问题")
        s.commit()
    db.dispose()
    lists = {}
    for kind in ("orgs", "members", "problems", "pairings", "activities", "tasks"):
        out = tmp_path / f"{kind}.xlsx"
        assert main(["--db", str(sqlite_path), "template", kind, "--out", str(out)]) == 0
        assert_print_ready(out)
        assert load_workbook(out).sheetnames[:2] == ["导入", "填写说明"]
        lists[kind] = validations(out)
    assert lists["orgs"]["组织类别"] == [k.value for k in OrgKind]
    assert lists["orgs"]["单位属性"] == [k.value for k in Sector]
    members = lists["members"]
    assert members["民族"] == list(ETHNIC_GROUPS) and "维吾尔族" in members["民族"]
    assert members["学历"][:2] == ["研究生", "大学本科"] and "农牧渔民" in members["人员类别"]
    assert members["党籍状态"] == ["正常", "停止党籍"]
    assert members["是否失联"] == members["是否流动党员"] == ["是", "否"]
    assert lists["problems"]["问题类别"] == ["班子建设", "党员教育", "阵地建设", "其他问题"]
    assert lists["problems"]["来源"] == ["督查", "暗访", "群众反映", "自查", "数据核查"]
    assert lists["problems"]["严重程度"] == ["一般", "严重"]
    assert "城乡联建" in lists["pairings"]["结对类型"]
    assert lists["activities"]["活动类型"] == ["党建帮扶", "智力帮扶", "项目帮扶", "资金帮扶", "走访慰问"]
    assert lists["tasks"] == {}
    # the hidden list sheet does not get in the way of the import: a filled template imports
    wb = load_workbook(tmp_path / "orgs.xlsx")
    assert wb["选项"].sheet_state == "hidden"


def test_the_error_report_prints(tmp_path):
    path = write_error_report(tmp_path / "errors.xlsx", [RowError(3, "公民身份号码", "123", "位数不对")])
    assert_print_ready(path, renderers=("excel", "libreoffice"))
    ws = load_workbook(path).active
    assert ws["A2"].value == 3 and ws["D2"].value == "位数不对"
