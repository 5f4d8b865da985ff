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
