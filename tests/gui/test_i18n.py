"""The interface's own words follow the language (issue 18): in English no Chinese is left in the
chrome (buttons, labels, tabs, headers, group boxes, menus, navigation) of any page; in Chinese
no English button (OK, Cancel, < Back, Next >, Close …) is left in any page or dialog.

The county database's data is Chinese on purpose: data (organization and member names, letter
titles …) is not chrome and is excepted — labels that show data carry the dynamic property
"data" = True (or are listed in DATA_LABELS by objectName)."""

from __future__ import annotations

import re

CHINESE = re.compile(r"[\u4e00-\u9fff]")
ENGLISH_BUTTON = re.compile(r"^[A-Za-z&<> .]+$")

#: objectNames of labels that show data, not chrome (besides the "data" property)
DATA_LABELS: set[str] = set()

#: pages whose chrome is not checked in English (none)
SKIP_ENGLISH_PAGES: set[str] = set()


def chrome_texts(root, labels: str = "all") -> list[tuple[str, str]]:
    """(where, text) of every piece of chrome under root (root included). labels="form": of the
    labels only those naming a form row (a dialog's other labels mostly show the record)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QFormLayout,
        QGroupBox,
        QHeaderView,
        QLabel,
        QListView,
        QMenu,
        QMenuBar,
        QTabWidget,
        QWidget,
    )

    out: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        if isinstance(w, QAbstractButton):
            out.append((f"button {w.objectName()}", w.text()))
        elif isinstance(w, QLabel):
            if labels == "all" and not (w.property("data") or w.objectName() in DATA_LABELS):
                out.append((f"label {w.objectName()}", w.text()))
        elif isinstance(w, QGroupBox):
            out.append(("group box", w.title()))
        elif isinstance(w, QTabWidget):
            out.extend(("tab", w.tabText(k)) for k in range(w.count()))
        elif isinstance(w, QMenuBar | QMenu):
            for action in w.actions():
                out.append(("menu", action.text()))
                if action.menu() is not None:
                    out.extend(("menu item", a.text()) for a in action.menu().actions())
        elif isinstance(w, QAbstractItemView) and w.model() is not None and not isinstance(w, QHeaderView | QListView):
            model = w.model()
            for c in range(model.columnCount()):
                text = model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
                out.append((f"header {type(model).__name__}", str(text or "")))
        layout = w.layout()
        if labels == "form" and isinstance(layout, QFormLayout):
            for row in range(layout.rowCount()):
                item = layout.itemAt(row, QFormLayout.ItemRole.LabelRole)
                if item is not None and isinstance(item.widget(), QLabel):
                    out.append(("form label", item.widget().text()))
    return out


def open_window(qtbot, sqlite_path):
    from desktop.app import MainWindow

    win = MainWindow(str(sqlite_path), None)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    assert win.open_database()
    return win


def test_the_english_interface_has_no_chinese_chrome(qtbot, gui_db, sqlite_path, messages):
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator

    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        win = open_window(qtbot, sqlite_path)
        chinese: list[tuple[str, str, str]] = []
        nav = [win.nav.item(k).text() for k in range(win.nav.count())]
        chinese += [("window", "navigation", t) for t in nav if CHINESE.search(t)]
        chinese += [("window", where, t) for where, t in chrome_texts(win.menuBar()) if CHINESE.search(t)]
        for row in range(win.nav.count()):
            key = win.nav.item(row).data(0x0100)
            page = win.navigate(key)
            app.processEvents()
            if key in SKIP_ENGLISH_PAGES:
                continue
            chinese += [(key, where, t) for where, t in chrome_texts(page) if CHINESE.search(t)]
        chinese = list(dict.fromkeys(chinese))
        assert not chinese, "\n".join(map(repr, chinese))
    finally:
        for tr in translators:
            app.removeTranslator(tr)


def english_buttons(root) -> list[str]:
    from PySide6.QtWidgets import QAbstractButton

    return [b.text() for b in [root, *root.findChildren(QAbstractButton)]
            if isinstance(b, QAbstractButton) and b.text().strip() and ENGLISH_BUTTON.match(b.text())]


def dialogs_to_open(win, db, actor, tmp_path):
    """(name, a function making the dialog) for every dialog a clerk reaches."""
    from datetime import date

    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from desktop import worker
    from desktop.settings_dialog import SettingsDialog
    from forms import dialogs
    from forms.cadre_form import ApprovalDialog
    from forms.first_run import FirstRunWizard, SetupValues
    from forms.import_wizard import ImportWizard
    from forms.letters import (
        CloseProblemDialog,
        LetterEditDialog,
        ReplyDialog,
        TaskDialog,
        TemplateDialog,
    )
    from forms.login_dialog import LoginDialog, PasswordDialog
    from forms.member_form import MemberForm
    from forms.org_form import DissolveDialog, MoveDialog, OrgForm
    from forms.pairing_form import PairingDialog, load_choices
    from forms.transfer_dialog import EndDialog, TransferDialog
    from models.services import members as msvc
    from tests.factories import member_values

    with db.session() as s:
        member = msvc.create_member(s, actor, member_values(1))
        s.commit()
        mid, oid = member.id, member.org_id
    with db.session() as s:
        choices = load_choices(s, actor)
    supervision = win.navigate("supervision")

    def yes_no():
        box = QMessageBox(QMessageBox.Icon.Question, "请确认", "确定吗？",
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, win)
        box.open()
        return box

    def input_dialog():
        dialog = QInputDialog(win)
        dialog.setLabelText("原因：")
        dialog.open()
        return dialog

    ini = str(tmp_path / "prefs.ini")
    return [
        ("member form", lambda: MemberForm(db, actor, None, parent=win)),
        ("member form (edit)", lambda: MemberForm(db, actor, mid, parent=win)),
        ("org form", lambda: OrgForm(db, actor, None, parent_id=oid, parent=win)),
        ("move org", lambda: MoveDialog(db, actor, oid, parent=win)),
        ("dissolve org", lambda: DissolveDialog(db, actor, oid, parent=win)),
        ("transfer", lambda: TransferDialog(db, actor, mid, parent=win)),
        ("end of membership", lambda: EndDialog(db, actor, mid, parent=win)),
        ("problem dialog", lambda: supervision.problem_dialog()),
        ("close problem", lambda: CloseProblemDialog("问题", "整改情况", date.today(), win)),
        ("reply dialog", lambda: ReplyDialog("督办函", date.today(), win)),
        ("task dialog", lambda: TaskDialog(date.today().replace(day=1), [(1, "东城镇")], win)),
        ("letter draft", lambda: LetterEditDialog("标题", "正文", [(1, "东城镇党委")], 1, "", [(1, "任务", True)],
                                                  "列出的任务", win)),
        ("letter template", lambda: TemplateDialog("督办函", "正文", ["{主送}"], win)),
        ("pairing dialog", lambda: PairingDialog(choices, lambda values: None, parent=win,
                                                 add_household=lambda values: (1, "户"))),
        ("settings", lambda: SettingsDialog(win.ctx, win)),
        ("import wizard", lambda: ImportWizard(db, actor, parent=win, runner=worker.start,
                                               prefs=QSettings(ini, QSettings.Format.IniFormat))),
        ("first-run wizard", lambda: FirstRunWizard(SetupValues(target=str(tmp_path / "new.sqlite3")))),
        ("login", lambda: LoginDialog(lambda name, password: None, "管理员", "dangjian.sqlite3", win)),
        ("change password", lambda: PasswordDialog(lambda old, new: None, "管理员", win)),
        ("export finished", lambda: dialogs.exported(win, "导出完成", "已导出", tmp_path)),
        ("yes/no question", yes_no),
        ("input dialog", input_dialog),
        ("approval step", lambda: ApprovalDialog(db, actor, [(1, "张芳1"), (2, "张娜2")], ["党员群众商议", "乡镇党委审议"],
                                                 parent=win)),
    ]


def test_the_chinese_interface_has_no_english_buttons(qtbot, gui_db, sqlite_path, actor, messages, tmp_path):
    from PySide6.QtWidgets import QApplication, QWizard

    from desktop.app import install_translator

    app = QApplication.instance()
    translators = install_translator(app, "zh")
    try:
        win = open_window(qtbot, sqlite_path)
        english: list[tuple[str, str]] = []
        for row in range(win.nav.count()):
            key = win.nav.item(row).data(0x0100)
            page = win.navigate(key)
            app.processEvents()
            english += [(key, t) for t in english_buttons(page)]
        opened = []
        for name, make in dialogs_to_open(win, gui_db, actor, tmp_path):
            dialog = make()
            opened.append(name)
            if not dialog.isVisible():
                dialog.show()
            app.processEvents()
            texts = english_buttons(dialog)
            if isinstance(dialog, QWizard):  # every page of a wizard: < Back, Next >, Finish …
                for _page in dialog.pageIds()[1:]:
                    dialog.next()
                    app.processEvents()
                    texts += english_buttons(dialog)
            english += [(name, t) for t in dict.fromkeys(texts)]
            dialog.close()
        assert len(opened) == 23
        assert not english, "\n".join(map(repr, english))
    finally:
        for tr in translators:
            app.removeTranslator(tr)


def test_every_dialog_in_english_has_english_chrome(qtbot, gui_db, sqlite_path, actor, messages, tmp_path):
    from PySide6.QtWidgets import QApplication, QWizard

    from desktop.app import install_translator

    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        win = open_window(qtbot, sqlite_path)
        chinese: list[tuple[str, str, str]] = []
        for name, make in dialogs_to_open(win, gui_db, actor, tmp_path):
            dialog = make()
            if not dialog.isVisible():
                dialog.show()
            app.processEvents()
            texts = chrome_texts(dialog, labels="form")
            if isinstance(dialog, QWizard):
                for _page in dialog.pageIds()[1:]:
                    dialog.next()
                    app.processEvents()
                    texts += chrome_texts(dialog, labels="form")
            chinese += [(name, where, t) for where, t in dict.fromkeys(texts) if CHINESE.search(t)]
            dialog.close()
        assert not chinese, "\n".join(map(repr, chinese))
    finally:
        for tr in translators:
            app.removeTranslator(tr)
