"""Issue 14/17: every import reads a county's own table, in every format, and shows its mapping."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from datetime import date

import pytest
from openpyxl import Workbook
from sqlalchemy import func, select

from desktop.cli import main
from models.actor import Actor
from models.db import open_database
from models.member import Member
from models.org import Organization
from models.pairing import Pairing, PairingActivity
from models.roles import Role
from models.supervision import MonthTask, Problem
from tests.conftest import ROOT
from tests.factories import build_county, member_values
from tests.layout_files import FORMATS, Table, write_any, write_xls, write_xlsx

ROSTER_HEADERS = ["序号", "姓名", "性别", "民族", "出生年月", "身份证号", "文化程度", "所在支部", "入党时间",
                  "转正时间", "手机号码", "备注"]


def roster_row(n: int, branch: str, seq: int) -> list:
    v = member_values(n, org=branch)
    born = v["joined_on"].replace(year=v["joined_on"].year - 25)
    gender = "男" if n % 2 == 0 else "女"
    return [seq, v["name"], gender, "汉族", f"{born.year}.{int(v['id_number'][10:12]):02d}", v["id_number"],
            "大学本科", branch, v["joined_on"].strftime("%Y.%m.%d"), v["full_on"].strftime("%Y-%m-%d"),
            v["phone"], "外出务工" if n == 3 else None]


def county_roster(n: int = 6) -> Table:
    branches = ["红星村党支部"] * (n // 2) + ["幸福社区党支部"] * (n - n // 2)
    return Table("东城镇党员花名册", ROSTER_HEADERS,
                 [roster_row(i + 1, b, i + 1) for i, b in enumerate(branches)], merge_down=[7])


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


def rows_of(db_path, *columns):
    db = open_database(db_path)
    with db.session() as s:
        out = list(s.execute(select(*columns)).all())
    db.dispose()
    return out


def count(db_path, model) -> int:
    db = open_database(db_path)
    with db.session() as s:
        n = s.scalar(select(func.count()).select_from(model))
    db.dispose()
    return n


@pytest.mark.parametrize("fmt", FORMATS)
def test_county_roster_imports_every_good_row_in_every_format(fmt, county_file, tmp_path, capsys):
    path = write_any(tmp_path, fmt, county_roster())
    assert run(county_file, "import", "members", str(path)) == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    assert "表头在第3行，数据从第4行起" in out
    assert "F列 身份证号 → 公民身份号码（常用名）" in out
    assert "A列 序号 → （跳过）" in out and "L列 备注 → （跳过）" in out
    assert "I列 入党时间 → 加入党组织日期（常用名）" in out
    assert "导入6行" in out
    db = open_database(county_file)
    with db.session() as s:
        placed = dict(s.execute(select(Member.name, Organization.short_name)
                                .join(Organization, Member.org_id == Organization.id)).all())
    db.dispose()
    # the branch cell merged over three rows gives its value to each of them
    expected = {roster_row(i + 1, b, 0)[1]: b for i, b in enumerate(["红星村党支部"] * 3 + ["幸福社区党支部"] * 3)}
    assert placed == expected


def test_merged_cells_total_line_and_serial_numbers_never_become_data(tmp_path):
    from reports.imports import read_source
    from reports.roster import MEMBER_IMPORTER

    table = county_roster(4)
    table.rows.append([None] * len(ROSTER_HEADERS))  # a blank line before the 合计
    path = write_xlsx(tmp_path / "r.xlsx", [table])
    source = read_source(MEMBER_IMPORTER, path)
    assert [r for r, _v in source.records] == [4, 5, 6, 7]
    assert [v["所在党支部"] for _r, v in source.records] == ["红星村党支部"] * 2 + ["幸福社区党支部"] * 2
    assert all("序号" not in v and "备注" not in v for _r, v in source.records)
    assert all(v["姓名"] != "合计" for _r, v in source.records)


def test_a_bad_row_is_reported_by_the_row_and_column_the_clerk_sees(county_file, tmp_path, capsys):
    table = county_roster(4)
    table.rows[2][5] = "440524198001010011"  # the 6th row of the file: wrong checksum
    table.rows[3][4] = "1960.01"  # 出生年月 that disagrees with the ID number
    path = write_any(tmp_path, "xlsx", table)
    report = tmp_path / "错误报告.xlsx"
    assert run(county_file, "import", "members", str(path), "--report", str(report)) == 1
    err = capsys.readouterr().err
    from openpyxl import load_workbook

    cells = [r for r in load_workbook(report).active.iter_rows(min_row=2, values_only=True)]
    assert cells[0][:3] == (6, "身份证号", "440524198001010011") and "校验位错误" in cells[0][3]
    assert "第6行 身份证号“440524198001010011”：校验位错误" in err
    assert "第7行 出生年月“1960-01”：与公民身份号码不符" in err
    assert count(county_file, Member) == 0
    assert run(county_file, "import", "members", str(path), "--keep-valid") == 1
    assert count(county_file, Member) == 2


def test_headers_that_cannot_be_placed_are_named(county_file, tmp_path, capsys):
    wb = Workbook()
    wb.active.append(["人员名单"])
    wb.active.append(["姓名", "籍贯", "身份证", "支部", "政治面貌"])
    wb.active.append(["张三", "甘肃", "11010519491231002X", "红星村党支部", "党员"])
    wb.save(tmp_path / "odd.xlsx")
    assert run(county_file, "import", "members", str(tmp_path / "odd.xlsx")) == 1
    err = capsys.readouterr().err
    assert "第2行缺少列：加入党组织日期" in err
    assert "未能对应的列：B列“籍贯”、E列“政治面貌”" in err
    assert "Traceback" not in err


def test_a_duplicated_header_is_refused_by_name(county_file, tmp_path, capsys):
    wb = Workbook()
    wb.active.append(["姓名", "身份证号", "所在党支部", "入党时间", "公民身份号码"])
    wb.active.append(["张三", "11010519491231002X", "红星村党支部", "1975-07-01", "440524188001010014"])
    wb.save(tmp_path / "dup.xlsx")
    assert run(county_file, "import", "members", str(tmp_path / "dup.xlsx")) == 1
    err = capsys.readouterr().err
    assert "B列“身份证号”和E列“公民身份号码”都对应“公民身份号码”" in err


def test_map_overrides_and_dry_run_shows_the_mapping(county_file, tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(["姓名", "证号", "单位", "入党", "电话"])
    v = member_values(1)
    ws.append([v["name"], v["id_number"], "红星村党支部", "1995-07-01", "不是电话"])
    wb.save(tmp_path / "m.xlsx")
    argv = ["import", "members", str(tmp_path / "m.xlsx"), "--map", "证号=公民身份号码", "--map", "单位=所在支部",
            "--map", "入党=加入党组织日期", "--map", "电话=忽略"]
    assert run(county_file, *argv, "--dry-run") == 0
    out = capsys.readouterr().out
    assert "B列 证号 → 公民身份号码（指定）" in out
    assert "C列 单位 → 所在党支部（指定）" in out
    assert "E列 电话 → （忽略）" in out
    assert "试运行，未写入" in out
    assert count(county_file, Member) == 0
    assert run(county_file, *argv) == 0
    assert rows_of(county_file, Member.name, Member.phone) == [(v["name"], None)]
    assert run(county_file, "import", "members", str(tmp_path / "m.xlsx"), "--map", "证号=籍贯") == 1
    assert "“籍贯”不是可导入的字段" in capsys.readouterr().err
    assert run(county_file, "import", "members", str(tmp_path / "m.xlsx"), "--map", "证件=公民身份号码") == 1
    assert "第1行没有列：证件" in capsys.readouterr().err


def test_one_sheet_per_branch_takes_the_branch_from_the_sheet_name(county_file, tmp_path, capsys):
    headers = [h for h in ROSTER_HEADERS if h != "所在支部"]

    def sheet(name, numbers):
        rows = [[c for i, c in enumerate(roster_row(n, name, k + 1)) if i != 7] for k, n in enumerate(numbers)]
        return Table(f"{name}党员名册", headers, rows, sheet=name)

    notes = Table("填表说明", ["说明"], [["每个支部一张表"]], total=False, sheet="说明")
    bad = sheet("幸福社区党支部", [4, 5])
    bad.rows[1][5] = "123"
    path = write_xlsx(tmp_path / "branches.xlsx", [sheet("红星村党支部", [1, 2, 3]), bad, notes])
    assert run(county_file, "import", "members", str(path)) == 1
    captured = capsys.readouterr()
    assert "所在党支部取自工作表名称：红星村党支部、幸福社区党支部" in captured.out
    assert "未读取的工作表（没有相同的表头）：说明" in captured.out
    assert "工作表“幸福社区党支部”第5行 身份证号“123”" in captured.err
    assert run(county_file, "import", "members", str(path), "--keep-valid") == 1
    db = open_database(county_file)
    with db.session() as s:
        got = sorted(s.execute(select(Organization.short_name, func.count())
                               .join(Member, Member.org_id == Organization.id).group_by(Organization.short_name)).all())
    db.dispose()
    assert got == [("幸福社区党支部", 1), ("红星村党支部", 3)]


# ---------------------------------------------------------------- every kind


def orgs_table() -> Table:
    headers = ["序号", "党组织名称", "党组织简称", "党组织类别", "单位性质", "上级党组织", "党组织书记", "联系电话",
               "成立时间", "换届时间", "届期", "备注"]
    rows = [[i + 1, f"中共东城镇{n}村支部委员会", f"{n}村党支部", "党支部", "农村", "东城镇党委", "李四",
             f"1380000000{i}", "2001.07.01", "2023年5月10日", 5, None] for i, n in enumerate(["青松", "翠柏", "金沙"])]
    return Table("东城镇党组织基本信息表", headers, rows, merge_down=[5])


def tasks_table() -> Table:
    headers = ["序号", "月度", "重点任务", "工作内容", "工作要求", "完成时间", "存档", "落实单位", "备注"]
    rows = [[1, "2026-03", "召开党员大会", "传达全会精神", "记录完整", "2026.03.31", "组织生活", "全部", None],
            [2, "2026-03", "主题党日", "学习党章", "全员参加", "2026.03.25", "主题党日", "全部", None]]
    return Table("2026年3月重点任务清单", headers, rows, merge_down=[7])


def problems_table() -> Table:
    headers = ["序号", "督查日期", "被督查单位", "问题来源", "问题类型", "存在问题", "严重程度", "整改期限",
               "整改状态", "整改措施", "销号时间", "备注"]
    rows = [[1, "2026-03-10", "红星村党支部", "督查", "组织生活", "三会一课记录不全", "一般", None, None, None, None, None],
            [2, "2026-03-10", "红星村党支部", "暗访", "阵地建设", "活动室挪作他用", "严重", None, None, None, None, None],
            [3, "2026-03-12", "幸福社区党支部", "督查", "党员管理", "党费收缴不及时", "一般", None, None, None, None, None]]
    return Table("3月督查发现问题清单", headers, rows, merge_down=[1, 2])


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv-gbk"])
@pytest.mark.parametrize("kind,table,model,n", [
    ("orgs", orgs_table, Organization, 3), ("tasks", tasks_table, MonthTask, 2),
    ("problems", problems_table, Problem, 3)])
def test_every_kind_reads_the_county_layout(kind, table, model, n, fmt, county_file, tmp_path, capsys):
    before = count(county_file, model)
    path = write_any(tmp_path, fmt, table())
    assert run(county_file, "import", kind, str(path)) == 0, capsys.readouterr().err
    assert count(county_file, model) == before + n
    assert "A列 序号 → （跳过）" in capsys.readouterr().out


@pytest.fixture
def pairing_file(tmp_path, actor):
    from tests.pairing_helpers import build_pairing_county

    path = tmp_path / "p.sqlite3"
    db = open_database(path)
    with db.session() as s:
        build_pairing_county(s, actor)
        s.commit()
    db.dispose()
    return path


@pytest.mark.parametrize("fmt", ["xlsx", "xls", "csv-utf8-bom"])
def test_pairings_and_activities_read_the_county_layout(fmt, pairing_file, tmp_path, capsys):
    pairings = Table("城乡联建结对台账", ["序号", "结对方式", "帮扶单位", "帮扶对象", "结对时间", "结束时间", "帮扶目标",
                                      "结对状态", "备注"],
                     [[1, "城乡联建", "县医院党支部", "红星村党支部", "2026-01-05", None, "发展集体经济", "进行中", None],
                      [2, "城乡联建", "县医院党支部", "青山村党支部", "2026-01-06", None, "建强支部", "进行中", None]],
                     merge_down=[1, 2])
    assert run(pairing_file, "import", "pairings", str(write_any(tmp_path, fmt, pairings, "p"))) == 0, \
        capsys.readouterr().err
    codes = sorted(c for (c,) in rows_of(pairing_file, Pairing.code))
    activities = Table("结对活动登记表", ["序号", "结对编号", "活动日期", "帮扶类型", "活动内容", "资金（元）",
                                     "项目名称", "受益群众", "备注"],
                       [[1, codes[0], "2026-04-15", "资金帮扶", "拨付村道硬化资金", "50000.00", "村道硬化", 120, None],
                        [2, codes[0], "2026-05-10", "走访慰问", "慰问老党员", None, None, 12, None],
                        [3, codes[1], "2026-05-11", "智力帮扶", "义诊", None, None, 80, None]],
                       merge_down=[1])
    assert run(pairing_file, "import", "activities", str(write_any(tmp_path, fmt, activities, "a"))) == 0, \
        capsys.readouterr().err
    assert "F列 资金（元） → 资金(元)" in capsys.readouterr().out
    assert count(pairing_file, PairingActivity) == 3


# ---------------------------------------------------------------- files that must be refused


def test_formula_without_a_cached_value_is_refused_by_row_and_column(county_file, tmp_path, capsys):
    wb = Workbook()
    ws = wb.active
    ws.append(["月份", "工作任务", "完成时限"])
    ws.append(["2026-03", "召开党员大会", "=DATE(2026,3,31)"])
    wb.save(tmp_path / "f.xlsx")
    assert run(county_file, "import", "tasks", str(tmp_path / "f.xlsx")) == 1
    err = capsys.readouterr().err
    assert "第2行C列：公式没有计算结果，请在 Excel 中保存后再导入" in err


def test_csv_in_neither_encoding_is_a_sentence(county_file, tmp_path, capsys):
    (tmp_path / "x.csv").write_bytes("月份,工作任务\n".encode() + bytes([0x80, 0xFF, 0xFE, 0x81, 0x30]) * 20 + b"\n")
    assert run(county_file, "import", "tasks", str(tmp_path / "x.csv")) == 1
    err = capsys.readouterr().err
    assert "文字编码既不是 UTF-8 也不是 GBK/GB18030" in err


def _bomb(path, with_cell: bool):
    wb = Workbook()
    ws = wb.active
    ws.append(["月份", "工作任务"])
    ws.append(["2026-03", "召开党员大会"])
    if with_cell:
        ws["XFD1048576"] = "x"
    wb.save(path)
    if not with_cell:  # only the claimed used range is absurd
        data = {i: zipfile.ZipFile(path).read(i) for i in zipfile.ZipFile(path).namelist()}
        sheet = "xl/worksheets/sheet1.xml"
        data[sheet] = data[sheet].replace(b'<dimension ref="A1:B2"', b'<dimension ref="A1:XFD1048576"')
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for name, content in data.items():
                z.writestr(name, content)
    return path


#: the peak memory of the command itself: VmHWM belongs to the process's own address space, while
#: getrusage's ru_maxrss on Linux carries over the parent's peak (pytest's) across fork and exec
BOMB_RUNNER = """
import resource, sys, time
from pathlib import Path
from desktop.cli import main
t = time.perf_counter()
code = main(sys.argv[1:])
sys.stderr.flush()
status = Path("/proc/self/status")
peak = (int(next(ln for ln in status.read_text().splitlines() if ln.startswith("VmHWM")).split()[1])
        if status.exists() else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
print(f"RESULT {code} {peak} {time.perf_counter() - t:.3f}")
"""


@pytest.mark.parametrize("fmt", ["xlsx", "xls"])
def test_a_sheet_claiming_a_million_rows_is_refused_not_allocated(fmt, county_file, tmp_path):
    if fmt == "xlsx":
        bomb, message = _bomb(tmp_path / "bomb.xlsx", with_cell=True), "第1048576行还有内容，超过200000行的上限"
    else:  # the largest BIFF sheet: a value at IV65536 (calamine would take 1 GB for it)
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        ws = book.add_sheet("任务")
        for c, h in enumerate(["月份", "工作任务"]):
            ws.write(0, c, h)
        ws.write(65535, 255, "x")
        bomb, message = tmp_path / "bomb.xls", "在第IV列还有内容，超过4000000个单元格的上限"
        book.save(str(bomb))
    assert bomb.stat().st_size < 10_000
    proc = subprocess.run([sys.executable, "-c", BOMB_RUNNER, "--db", str(county_file), "import", "tasks", str(bomb)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    code, maxrss_kb, _seconds = proc.stdout.split("RESULT ")[1].split()
    assert int(code) == 1
    assert message in proc.stderr
    assert "Traceback" not in proc.stderr
    assert int(maxrss_kb) < 200 * 1024


def test_a_claimed_used_range_alone_does_not_matter(county_file, tmp_path, capsys):
    bomb = _bomb(tmp_path / "dim.xlsx", with_cell=False)
    assert b"XFD1048576" in zipfile.ZipFile(bomb).read("xl/worksheets/sheet1.xml")
    assert run(county_file, "import", "tasks", str(bomb)) == 0
    assert count(county_file, MonthTask) == 1


def test_quarterly_accepts_xls(tmp_path):
    """A subordinate unit's quarterly workbook saved as .xls adds up like the .xlsx."""
    import xlwt
    from openpyxl import load_workbook

    from models.periods import quarter
    from reports import quarterly as q

    db = open_database(tmp_path / "q.sqlite3")
    with db.session() as s:
        build_county(s, Actor("测试员", Role.ADMIN))
        s.commit()
        src = q.export_quarterly(s, Actor("测试员", Role.ADMIN), tmp_path / "u.xlsx", quarter("2026Q3"), "某某县", q.SHEETS)
    db.dispose()
    book = xlwt.Workbook(encoding="utf-8")
    for ws in load_workbook(src).worksheets:
        out = book.add_sheet(ws.title)
        for r, row in enumerate(ws.iter_rows(values_only=True)):
            for c, v in enumerate(row):
                if v is not None:
                    out.write(r, c, v if not isinstance(v, date) else v.isoformat())
    book.save(str(tmp_path / "u.xls"))
    unit, problems = q.read_unit_workbook(tmp_path / "u.xls", q.SHEETS)
    assert problems == []
    assert unit.unit == "某某县"
    from_xls, _ = q.sum_workbooks([tmp_path / "u.xls"], tmp_path / "sum-xls.xlsx", "某某市委组织部", q.SHEETS)
    from_xlsx, _ = q.sum_workbooks([src], tmp_path / "sum-xlsx.xlsx", "某某市委组织部", q.SHEETS)

    def cells(path):
        return [[c for c in row] for ws in load_workbook(path).worksheets
                for row in ws.iter_rows(min_row=3, values_only=True)]

    assert cells(from_xls) == cells(from_xlsx)


def test_an_evaluation_fill_sheet_under_a_title_is_read_from_its_header(tmp_path):
    """evaluate import reads through the same layer: title lines, merged cells, a 合计 line."""
    from reports.imports import read_table

    table = Table("星级党支部评定表", ["序号", "评价表编号", "所属党组织", "党组织", "班子建设", "备注"],
                  [[1, 11, "东城镇党委", "红星村党支部", 18, None], [2, 12, "东城镇党委", "幸福社区党支部", 17, None]],
                  merge_down=[2])
    header, records = read_table(write_xls(tmp_path / "评定.xls", [table]), "评价表编号")
    assert header == ["评价表编号", "所属党组织", "党组织", "班子建设"]
    assert [(r, v["评价表编号"], v["所属党组织"]) for r, v in records] == [(4, 11, "东城镇党委"), (5, 12, "东城镇党委")]


def test_a_web_page_saved_as_xls_and_a_password_are_sentences(tmp_path):
    import olefile  # noqa: F401  (the reader's dependency)

    from reports.sheetreader import read_workbook
    from reports.xlsx import WorkbookError

    page = tmp_path / "导出.xls"
    page.write_text("<html><body><table><tr><td>姓名</td></tr></table></body></html>", encoding="utf-8")
    with pytest.raises(WorkbookError, match="它是网页（HTML/XML）文件"):
        read_workbook(page)
    # an encrypted workbook is an OLE file holding EncryptedPackage instead of a Workbook stream
    locked = tmp_path / "加密.xlsx"
    _write_ole(locked, {"EncryptionInfo": b"\x04\x00\x04\x00" + b"\x00" * 60, "EncryptedPackage": b"\x00" * 5000})
    with pytest.raises(WorkbookError, match="工作簿设有打开密码"):
        read_workbook(locked)


def _write_ole(path, streams: dict[str, bytes]) -> None:
    """A minimal compound file (version 3, 512-byte sectors) holding the given streams (≥ 4096 bytes
    each, padded, so no mini stream is needed)."""
    import struct

    sector = 512
    body, entries, next_sector = b"", [], 0
    chains = []
    for name, data in streams.items():
        data = data.ljust(max(4096, len(data)), b"\x00")
        n = -(-len(data) // sector)
        chains.append((next_sector, n))
        entries.append((name, next_sector, len(data)))
        body += data.ljust(n * sector, b"\x00")
        next_sector += n
    dir_sector = next_sector
    fat_sector = dir_sector + 1
    fat = []
    for start, n in chains:
        fat += [start + i + 1 for i in range(n - 1)] + [0xFFFFFFFE]
    fat += [0xFFFFFFFE, 0xFFFFFFFD]  # the directory, the FAT itself
    fat += [0xFFFFFFFF] * (128 - len(fat))

    def entry(name: str, kind: int, start: int, size: int, child: int = 0xFFFFFFFF, right: int = 0xFFFFFFFF):
        raw = name.encode("utf-16-le") + b"\x00\x00"
        return (raw.ljust(64, b"\x00") + struct.pack("<HBB", len(raw), kind, 1)
                + struct.pack("<III", 0xFFFFFFFF, right, child) + b"\x00" * 16 + b"\x00" * 4 + b"\x00" * 16
                + struct.pack("<IIHH", start, size, 0, 0)).ljust(128, b"\x00")

    dirs = entry("Root Entry", 5, 0xFFFFFFFE, 0, child=1)
    for i, (name, start, size) in enumerate(entries, start=1):
        dirs += entry(name, 2, start, size, right=i + 1 if i < len(entries) else 0xFFFFFFFF)
    dirs = dirs.ljust(sector, b"\x00")
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 16 + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + b"\x00" * 6 + struct.pack("<IIIIIIII", 0, 1, dir_sector, 0, 4096, 0xFFFFFFFE, 0, 0xFFFFFFFE)
              + struct.pack("<I", 0))
    difat = [fat_sector] + [0xFFFFFFFF] * 108
    header = header[:76] + struct.pack("<109I", *difat)
    path.write_bytes(header.ljust(sector, b"\x00") + body + dirs + struct.pack("<128I", *fat))
