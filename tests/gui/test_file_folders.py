"""File dialogs start in the folder the clerk last used; the first time in Documents."""

from __future__ import annotations

import os
import shutil

import pytest


class Dialogs:
    """Stands in for QFileDialog's statics: records (kind, title, start directory) and answers
    with `answer` ("" = the clerk cancels)."""

    def __init__(self, monkeypatch):
        from PySide6.QtWidgets import QFileDialog

        self.seen: list[tuple[str, str, str]] = []
        self.answer = ""

        def save(parent, title, start="", filter="", *a, **k):
            self.seen.append(("save", title, start))
            return self.answer, ""

        def open_(parent, title, start="", filter="", *a, **k):
            self.seen.append(("open", title, start))
            return self.answer, ""

        def folder(parent, title, start="", *a, **k):
            self.seen.append(("folder", title, start))
            return self.answer

        monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(save))
        monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(open_))
        monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(folder))

    @property
    def start(self) -> str:
        return self.seen[-1][2]


@pytest.fixture
def documents(tmp_path, monkeypatch):
    """A fresh in-memory memory and a Documents folder in the test's temporary folder."""
    from PySide6.QtCore import QStandardPaths

    from forms import files

    docs = tmp_path / "文档"
    docs.mkdir()
    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda location: str(docs)))
    previous = files.use_store(None)
    yield str(docs)
    files.use_store(previous)


@pytest.fixture
def dialogs(monkeypatch):
    return Dialogs(monkeypatch)


def test_first_dialog_starts_in_documents_with_the_suggested_name(documents, dialogs, qapp):
    from forms import files

    assert files.save_path(None, "导出", "党员名册.xlsx", "Excel (*.xlsx)") is None
    assert dialogs.start == os.path.join(documents, "党员名册.xlsx")
    files.open_path(None, "导入")
    assert dialogs.start == documents
    files.folder(None, "选择文件夹")
    assert dialogs.start == documents


def test_documents_missing_falls_back_to_home(monkeypatch, qapp):
    from PySide6.QtCore import QStandardPaths

    from forms import files

    monkeypatch.setattr(QStandardPaths, "writableLocation", staticmethod(lambda location: ""))
    assert files.documents() == os.path.expanduser("~")


def test_the_next_dialog_starts_where_the_clerk_chose(documents, dialogs, tmp_path, qapp):
    from forms import files

    x = tmp_path / "x"
    x.mkdir()
    dialogs.answer = str(x / "a.xlsx")
    assert files.save_path(None, "导出", "党员名册.xlsx") == str(x / "a.xlsx")
    dialogs.answer = ""
    files.open_path(None, "导入")
    assert dialogs.start == str(x)
    files.save_path(None, "导出", "通报.pdf")
    assert dialogs.start == os.path.join(str(x), "通报.pdf")
    files.folder(None, "选择文件夹")
    assert dialogs.start == str(x)
    # a chosen folder is remembered itself, not its parent
    y = tmp_path / "y"
    y.mkdir()
    dialogs.answer = str(y)
    assert files.folder(None, "选择文件夹") == str(y)
    dialogs.answer = ""
    files.open_path(None, "导入")
    assert dialogs.start == str(y)


def test_a_cancelled_dialog_changes_nothing(documents, dialogs, tmp_path, qapp):
    from forms import files

    x = tmp_path / "x"
    x.mkdir()
    dialogs.answer = str(x / "a.xlsx")
    files.open_path(None, "导入")
    dialogs.answer = ""
    assert files.save_path(None, "导出", "b.xlsx") is None
    assert files.open_path(None, "导入") is None
    assert files.folder(None, "选择文件夹") is None
    files.open_path(None, "导入")
    assert dialogs.start == str(x)


def test_a_deleted_folder_falls_back_to_documents(documents, dialogs, tmp_path, qapp):
    from forms import files

    x = tmp_path / "x"
    x.mkdir()
    dialogs.answer = str(x / "a.xlsx")
    files.save_path(None, "导出", "a.xlsx")
    shutil.rmtree(x)
    dialogs.answer = ""
    files.save_path(None, "导出", "a.xlsx")
    assert dialogs.start == os.path.join(documents, "a.xlsx")


def test_the_folder_is_kept_in_the_preference_file_across_starts(documents, dialogs, tmp_path, qapp):
    from desktop import paths, prefs
    from forms import files

    x = tmp_path / "x"
    x.mkdir()
    files.use_store(prefs.LastFolder())
    dialogs.answer = str(x / "a.xlsx")
    files.open_path(None, "导入")
    assert prefs.LAST_FOLDER in prefs.ALL
    assert str(paths.config_dir()).startswith(os.environ["DANGJIAN_HOME"])  # never the real user's file
    files.use_store(None)  # the program ends: what was in memory is gone
    dialogs.answer = ""
    files.open_path(None, "导入")
    assert dialogs.start == documents
    files.use_store(prefs.LastFolder())  # the next start reads desktop.ini again
    assert prefs.text(prefs.LAST_FOLDER) == str(x)
    files.open_path(None, "导入")
    assert dialogs.start == str(x)


def test_members_export_folder_is_where_the_import_wizard_browses(documents, dialogs, qtbot, ctx, gui_db,
                                                                  actor, tmp_path):
    """Through real callers: 导出所示 on the roster starts in Documents with 党员名册.xlsx; the
    import wizard's 浏览… then opens in the folder the export went to."""
    from PySide6.QtWidgets import QPushButton

    from desktop import worker
    from desktop.pages.members import MembersPage
    from forms.import_wizard import ImportWizard

    page = MembersPage(ctx)
    qtbot.addWidget(page)
    exports = tmp_path / "导出"
    exports.mkdir()
    dialogs.answer = str(exports / "名册.xlsx")
    task = page.export_shown()
    assert dialogs.seen[-1] == ("save", "导出党员名册", os.path.join(documents, "党员名册.xlsx"))
    qtbot.waitUntil(lambda: not task.running, timeout=20000)
    assert task.error is None and (exports / "名册.xlsx").exists()

    wiz = ImportWizard(gui_db, actor, runner=worker.start)
    qtbot.addWidget(wiz)
    wiz.show()
    dialogs.answer = str(exports / "名册.xlsx")
    browse = next(b for b in wiz.findChildren(QPushButton) if b.text() == "浏览…")
    browse.click()
    assert dialogs.seen[-1] == ("open", "选择工作簿", str(exports))
    assert wiz.path.text() == str(exports / "名册.xlsx")
