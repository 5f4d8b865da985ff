"""Import a workbook with bad rows through the wizard; undo the import."""

from __future__ import annotations

from openpyxl import Workbook
from sqlalchemy import func, select

from models.member import Member
from reports.roster import MEMBER_HEADERS
from tests.factories import member_values


def workbook(path, rows):
    wb = Workbook()
    ws = wb.active
    ws.append(MEMBER_HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def row_of(values):
    from models.services.members import MEMBER_LABELS

    return [values.get(attr) for attr in MEMBER_LABELS]


def current_members(db) -> int:
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(Member).where(Member.ended_on.is_(None)))


def test_wizard_preview_marks_bad_rows_imports_valid_and_undo(qtbot, ctx, gui_db, actor, messages, tmp_path, qtmodeltester):
    from desktop import worker
    from forms.import_wizard import ImportWizard
    from models.services.importbatch import last_import_batch, undo_import

    good1, good2 = member_values(1, org="红星村党支部"), member_values(2, org="红星村党支部")
    bad = member_values(3, org="红星村党支部", id_number="123")
    path = workbook(tmp_path / "名册.xlsx", [row_of(good1), row_of(bad), row_of(good2)])
    wiz = ImportWizard(gui_db, actor, runner=worker.start)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.path.setText(str(path))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.result is not None, timeout=10000)
    assert "2行无误，1行有错误" in wiz.summary.text()
    qtmodeltester.check(wiz.preview)
    assert wiz.preview.rows[1][0] == 3 and "公民身份号码" in wiz.preview.rows[1][4]
    assert wiz.preview.index(1, 0).data(0x0008) is not None  # red background on the bad row
    report = wiz.write_report(str(tmp_path / "错误.xlsx"))
    assert report and (tmp_path / "错误.xlsx").exists()

    # all-or-nothing refuses
    wiz.accept()
    qtbot.waitUntil(lambda: bool(messages), timeout=10000)
    assert messages[-1][1] == "未导入"
    assert current_members(gui_db) == 0
    # the valid rows only
    wiz.valid_only.setChecked(True)
    with qtbot.waitSignal(wiz.imported, timeout=10000):
        wiz.accept()
    assert current_members(gui_db) == 2

    with gui_db.session() as s:
        batch = last_import_batch(s, actor)
        assert batch.source == "名册.xlsx"
        assert undo_import(s, actor, batch.id) == 2
        s.commit()
    assert current_members(gui_db) == 0


def test_undo_refused_after_a_change(ctx, gui_db, actor, tmp_path):
    import pytest

    from models.errors import DomainError
    from models.services.importbatch import last_import_batch, undo_import
    from models.services.members import update_member
    from reports.imports import run_import
    from reports.roster import MEMBER_IMPORTER

    path = workbook(tmp_path / "a.xlsx", [row_of(member_values(5))])
    with gui_db.session() as s:
        run_import(s, actor, MEMBER_IMPORTER, path)  # records the batch itself
        batch = last_import_batch(s, actor)
        assert batch.source == "a.xlsx"
        mid = s.scalar(select(Member.id))
        update_member(s, actor, mid, {"phone": "13911110000"})
        s.commit()
        with pytest.raises(DomainError, match="已被修改，不能整体撤销"):
            undo_import(s, actor, batch.id)


def test_command_line_import_is_undoable(gui_db, actor, tmp_path):
    """`dangjian import members` records its batch too: 撤销上次导入 undoes the CLI's import."""
    from desktop.cli import main
    from models.services.importbatch import last_import_batch, undo_import

    path = workbook(tmp_path / "cli.xlsx", [row_of(member_values(6)), row_of(member_values(7))])
    url = str(gui_db.engine.url.database)
    assert main(["--db", url, "import", "members", str(path)]) == 0
    with gui_db.transaction() as s:
        batch = last_import_batch(s, actor)
        assert batch is not None and batch.source == "cli.xlsx"
        assert undo_import(s, actor, batch.id) == 2
    assert current_members(gui_db) == 0
def county_sheet(path, numbers, first_address="东城镇红星村1组"):
    """A county's own roster: a title line, everyday header names, a column the program does not know."""
    wb = Workbook()
    ws = wb.active
    ws.append(["红星村党员花名册"])
    ws.merge_cells("A1:F1")
    ws.append(["序号", "姓名", "身份证号", "所在支部", "入党时间", "单位地址"])
    for k, n in enumerate(numbers, start=1):
        v = member_values(n)
        ws.append([k, v["name"], v["id_number"], "红星村党支部", v["joined_on"], f"{first_address}{k}号"])
    wb.save(path)
    return path


def test_wizard_shows_the_mapping_a_correction_changes_the_import_and_is_remembered(
        qtbot, ctx, gui_db, actor, messages, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop import worker
    from forms.import_wizard import NOT_IMPORTED, ImportWizard

    ini = str(tmp_path / "desktop.ini")
    wiz = ImportWizard(gui_db, actor, runner=worker.start, prefs=QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.path.setText(str(county_sheet(tmp_path / "红星村.xlsx", [1, 2])))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.checks == 1, timeout=10000)
    # the mapping, before anything is written: your column → our field
    assert wiz.mapping.item(2, 1).text() == "身份证号"
    assert wiz.mapping.field_of("身份证号") == "公民身份号码"
    assert wiz.mapping.field_of("所在支部") == "所在党支部"
    assert wiz.mapping.field_of("序号") == NOT_IMPORTED
    assert wiz.mapping.field_of("单位地址") == NOT_IMPORTED
    assert "表头在第2行" in wiz.mapping_note.text() and "未能对应的列：单位地址" in wiz.mapping_note.text()
    # every column's line is in view, beside the rows as checked (not two lines above them)
    table = wiz.mapping
    rows_height = sum(table.rowHeight(r) for r in range(table.rowCount()))
    assert table.rowCount() == 6 and table.viewport().height() >= rows_height
    left = table.mapTo(wiz, table.rect().topRight()).x()
    assert wiz.preview_view.mapTo(wiz, wiz.preview_view.rect().topLeft()).x() > left
    assert current_members(gui_db) == 0
    # the clerk corrects a drop-down: the check runs again with it, and the import uses it
    wiz.mapping.combos["单位地址"].setCurrentText("家庭住址")
    qtbot.waitUntil(lambda: wiz.checks == 2, timeout=10000)
    assert "2行无误" in wiz.summary.text()
    with qtbot.waitSignal(wiz.imported, timeout=10000):
        wiz.accept()
    with gui_db.session() as s:
        assert sorted(s.scalars(select(Member.address))) == ["东城镇红星村1组1号", "东城镇红星村1组2号"]

    # the next file with the same headers comes up mapped as corrected
    again = ImportWizard(gui_db, actor, runner=worker.start, prefs=QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    again.path.setText(str(county_sheet(tmp_path / "第二批.xlsx", [5, 6], "西山乡")))
    again.next()
    qtbot.waitUntil(lambda: again.checks == 1, timeout=10000)
    assert again.mapping.field_of("单位地址") == "家庭住址"
    with qtbot.waitSignal(again.imported, timeout=10000):
        again.accept()
    with gui_db.session() as s:
        assert "西山乡1号" in set(s.scalars(select(Member.address)))


def test_a_missing_column_is_placed_in_the_wizard_and_remembered(qtbot, ctx, gui_db, actor, messages, tmp_path):
    from PySide6.QtCore import QSettings

    from desktop import worker
    from forms.import_wizard import ImportWizard

    def sheet(path, numbers):
        wb = Workbook()
        ws = wb.active
        ws.append(["姓名", "身份证号", "单位", "入党时间"])
        for n in numbers:
            v = member_values(n)
            ws.append([v["name"], v["id_number"], "红星村党支部", v["joined_on"]])
        wb.save(path)
        return path

    ini = str(tmp_path / "desktop.ini")
    wiz = ImportWizard(gui_db, actor, runner=worker.start, prefs=QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.path.setText(str(sheet(tmp_path / "a.xlsx", [1])))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.checks == 1, timeout=10000)
    assert "缺少列：所在党支部" in wiz.mapping_note.text() and "未能对应的列：C列“单位”" in wiz.mapping_note.text()
    assert "--map" not in wiz.mapping_note.text() and "导入为" in wiz.mapping_note.text()
    wiz.mapping.combos["单位"].setCurrentText("所在党支部")
    qtbot.waitUntil(lambda: wiz.checks == 2, timeout=10000)
    assert "1行无误" in wiz.summary.text()

    again = ImportWizard(gui_db, actor, runner=worker.start, prefs=QSettings(ini, QSettings.Format.IniFormat))
    qtbot.addWidget(again)
    again.show()
    again.path.setText(str(sheet(tmp_path / "b.xlsx", [7, 8])))
    again.next()
    qtbot.waitUntil(lambda: again.checks == 1, timeout=10000)
    assert again.mapping.field_of("单位") == "所在党支部"
    assert "2行无误" in again.summary.text()


def test_a_hostile_sheet_is_a_message_in_the_wizard(qtbot, ctx, gui_db, actor, messages, tmp_path):
    """Issue 31: the file that aborted the process (rows without r, then 16,384 cells) is refused
    with the reader's sentence; the window stays."""
    from desktop import worker
    from forms.import_wizard import ImportWizard
    from tests.hostile_sheets import package, rows_without_r

    path = package(tmp_path / "名册.xlsx", rows_without_r())
    wiz = ImportWizard(gui_db, actor, runner=worker.start)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.path.setText(str(path))
    wiz.next()
    shown = lambda: " ".join([wiz.mapping_note.text(), wiz.summary.text(), *(str(m) for m in messages)])  # noqa: E731
    qtbot.waitUntil(lambda: "超过200000行的上限" in shown(), timeout=20000)
    assert "第200001行还有内容" in shown()
    assert current_members(gui_db) == 0


def test_the_wizard_says_the_full_rule_before_writing(qtbot, gui_db, actor, tmp_path):
    """A roster without a 转正 column: the preview names who becomes 正式 with the 转正 date unknown and
    who must be answered for (docs/member-lifecycle.md), before anything is written."""
    from datetime import date, timedelta

    from desktop import worker
    from forms.import_wizard import ImportWizard

    headers = [h for h in MEMBER_HEADERS if h != "转为正式党员日期"]
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for values in (member_values(1, joined_on=date(1990, 7, 1)),
                   member_values(2, joined_on=date.today() - timedelta(days=200))):
        row = dict(zip(MEMBER_HEADERS, row_of(values), strict=True))
        ws.append([row.get(h) for h in headers])
    path = tmp_path / "无转正.xlsx"
    wb.save(path)
    wiz = ImportWizard(gui_db, actor, runner=worker.start)
    qtbot.addWidget(wiz)
    wiz.show()
    wiz.path.setText(str(path))
    wiz.next()
    qtbot.waitUntil(lambda: wiz.result is not None, timeout=10000)
    text = wiz.summary.text()
    assert "1人入党已满2年（或注明正式党员），按正式党员导入，转正日期记为不详：第2行" in text
    assert "入党不满2年的1人须填写转正日期或注明预备党员：第3行" in text
    assert current_members(gui_db) == 0
