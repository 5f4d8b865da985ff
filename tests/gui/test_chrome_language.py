"""The interface speaks one language (issue 29, point 7): in English mode no Chinese character is
left in the chrome, in Chinese mode no English word; the enumeration labels a page shows (statuses,
kinds, categories …) follow the language too, and so do Qt's own dialogs (the file dialog, the
message box buttons).

Every page is walked, every tab of it shown, as the administrator and as a township clerk, on the
small demo county (a fixed seed); then every button and menu item that opens a dialog (its text
ends with “…”) is pressed and the dialog inspected and closed — a dialog run modally (exec), a
question (QInputDialog), a file dialog (Qt's own, as on Linux) included (tests/dialog_walk.py, shared
with the screen check on a real X display, tests/x11_screen_check.py).

What counts as chrome, and what as data (the county's records are Chinese on purpose):

- chrome: the text and tool tip of every button, label, group box, tab, menu item and action;
  window titles, placeholders, every widget's tool tip; table headers and their tool tips; a
  chart's title and legend; the
  summary lines SUMMARY_LABELS (marked "data" because they sit beside data, but they are built of
  the program's words and numbers);
- enumeration labels (forms.choices.all_labels(): the statuses, kinds and categories the domain
  stores as Chinese labels, the audit's record types and actions, the built-in schemes' levels):
  chrome wherever they are shown — a table cell, a drop-down item, a chart's bar, a label marked "data" — when
  the whole text, or a part of it between “ · ”, “、” or “，”, is such a label;
- data: every other table cell, drop-down item and label marked "data" (names, titles, letter
  numbers, the scheme's own items, what a clerk typed).

A value quoted in the chrome is data too: a setting's default (“(default: …)”), an example after
“e.g.” / “如”, an address (…://…), and whatever stands between “ and ” (a quoted name or separator).

In Chinese mode the words of ENGLISH_ALLOWED (file formats, key names, units) may appear.
"""

from __future__ import annotations

import re
import shutil
from datetime import date

import pytest

from tests.dialog_walk import DialogWatch, press_every_opener, settle

CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}(?:-[A-Za-z]+)*")
#: English words a Chinese interface keeps: file formats, key names, standards, examples of input
ENGLISH_ALLOWED = {"PDF", "Excel", "ID", "SHA", "CSV", "et", "Ctrl", "Shift", "Enter", "Esc", "Delete", "Del", "Tab",
                   "xlsx", "xls", "csv", "pdf", "docx", "Word", "WPS", "PostgreSQL", "SQLite", "sqlite3",
                   "Alt", "zw", "ttf", "otf", "ttc", "TrueType", "OpenType", "H", "Q",
                   # the scheme's column kinds, typed as they are (resources/schemes)
                   "score", "add", "deduct", "votes"}
#: labels marked "data" that are summary lines of the program's own words: checked as chrome
SUMMARY_LABELS = {"summary", "pairing_totals"}
PARTS = re.compile(r" · |、|，|,")
#: quoted values inside chrome (see above): taken out before the chrome is checked
QUOTED = re.compile(r"\S*://\S*|“[^”]*”|\((?:default|默认)[:：][^)]*\)|（默认[:：][^）]*）|e\.g\. [^;)]*|如 ?[^；）)]*")

#: the demo county's "today": the pages show what a clerk sees on an ordinary working day
TODAY = date(2026, 11, 20)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    from models.db import open_database
    from models.demo import build_demo
    from models.services import access
    from models.services.orgs import ensure_county

    path = tmp_path_factory.mktemp("demo") / "demo.sqlite3"
    db = open_database(path)
    with db.session() as s:
        actor = access.login(s, None)
        ensure_county(s, actor, None, None)
        build_demo(s, actor, "small", seed=0, today=TODAY)
        s.commit()
    db.dispose()
    return path


def enum_labels() -> frozenset[str]:
    from forms.choices import all_labels

    return frozenset(all_labels())


def chrome_and_enums(root) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(where, text) of the chrome under root (root included), and of the texts that may hold an
    enumeration label (table cells, drop-down items, data labels)."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QComboBox,
        QGroupBox,
        QHeaderView,
        QLabel,
        QLineEdit,
        QMenu,
        QMenuBar,
        QPlainTextEdit,
        QTabWidget,
        QTextEdit,
        QWidget,
    )

    chrome: list[tuple[str, str]] = []
    values: list[tuple[str, str]] = []
    for w in [root, *root.findChildren(QWidget)]:
        kind = f"{type(w).__name__} {w.objectName()}".strip()
        if w.isWindow() and w.windowTitle():
            chrome.append((f"{kind} window title", w.windowTitle()))
        if w.toolTip():
            chrome.append((f"{kind} tool tip", w.toolTip()))
        if isinstance(w, QAbstractButton):
            chrome.append((kind, w.text()))
        elif isinstance(w, QLabel):
            if w.property("data") and w.objectName() not in SUMMARY_LABELS:
                values.append((kind, w.text()))
            else:
                chrome.append((kind, w.text()))
        elif isinstance(w, QGroupBox):
            chrome.append((kind, w.title()))
        elif isinstance(w, QComboBox):
            values += [(f"{kind} item", w.itemText(i)) for i in range(w.count())]
            if w.lineEdit() is not None and w.lineEdit().placeholderText():
                chrome.append((f"{kind} placeholder", w.lineEdit().placeholderText()))
        elif isinstance(w, QLineEdit | QPlainTextEdit | QTextEdit) and w.placeholderText():
            chrome.append((f"{kind} placeholder", w.placeholderText()))
        if type(w).__name__ == "BarChart":  # a painted chart: its title and legend, its bars' labels
            chrome += [(f"{kind} title", w.title)] + [(f"{kind} legend", x) for x in w.legend]
            values += [(f"{kind} bar", x) for x in w.labels]
        if isinstance(w, QTabWidget):
            for k in range(w.count()):
                chrome += [(f"{kind} tab", w.tabText(k)), (f"{kind} tab tip", w.tabToolTip(k))]
        if isinstance(w, QMenu | QMenuBar):
            for action in w.actions():
                chrome += [(f"{kind} action", action.text()), (f"{kind} action tip", action.toolTip())]
                if action.menu() is not None:
                    chrome += [(f"{kind} menu item", a.text()) for a in action.menu().actions()]
                    chrome += [(f"{kind} menu item tip", a.toolTip()) for a in action.menu().actions()]
        if isinstance(w, QAbstractItemView) and not isinstance(w, QHeaderView) and w.model() is not None:
            chrome += [(f"{kind} action", a.text()) for a in w.actions()]
            model = w.model()
            try:
                columns = model.columnCount(QModelIndex())
            except TypeError:  # a list model: one column, not callable from Python
                columns = 1
            scheme = {c.header for c in getattr(model, "columns", [])
                      if hasattr(c, "header")}  # the evaluation grid: the scheme's own columns
            for c in range(columns):
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    head = model.headerData(c, Qt.Orientation.Horizontal, role)
                    if head and str(head) not in scheme:
                        chrome.append((f"{kind} header", str(head)))
            for r in range(min(model.rowCount(QModelIndex()), 80)):
                for c in range(columns):
                    cell = model.data(model.index(r, c, QModelIndex()), Qt.ItemDataRole.DisplayRole)
                    if cell is not None:
                        values.append((f"{kind} cell", str(cell)))
    return [(k, t) for k, t in chrome if t], [(k, t) for k, t in values if t]


def untranslated(chrome, values, language: str) -> list[tuple[str, str]]:
    """The chrome and enumeration labels not in `language`."""
    labels = enum_labels()
    bad = []
    for where, full in chrome:
        text = QUOTED.sub(" ", full)
        if language == "en" and CJK.search(text):
            bad.append((where, full))
        elif language == "zh":
            words = [w for w in ENGLISH_WORD.findall(re.sub(r"<[^>]+>|&\w+;|\(&\w\)|&", " ", text))
                     if w not in ENGLISH_ALLOWED]
            if words:
                bad.append((where, full))
    for where, text in values:
        parts = [p.strip("　 （）()") for p in PARTS.split(text)] + [text]
        if language == "en" and any(p in labels for p in parts):
            bad.append((where, text))
    return bad


class LanguageWatch:
    """What the dialogs opened by tests/dialog_walk.py show that is not in the language: `found`."""

    def __init__(self, language: str):
        self.language = language
        self.found: list[tuple[str, str, str]] = []

    def __call__(self, dialog) -> None:
        from PySide6.QtWidgets import QWizard

        name = f"{type(dialog).__name__} “{dialog.windowTitle()}”"
        chrome, values = chrome_and_enums(dialog)
        if isinstance(dialog, QWizard):
            chrome += [("wizard button", dialog.buttonText(b)) for b in (
                QWizard.WizardButton.BackButton, QWizard.WizardButton.NextButton,
                QWizard.WizardButton.FinishButton, QWizard.WizardButton.CancelButton)]
        self.found += [(name, where, text) for where, text in untranslated(chrome, values, self.language)]


def open_main_window(qtbot, path, role: str):
    from desktop.app import MainWindow
    from models.actor import Actor
    from models.org import Organization
    from models.roles import Role

    win = MainWindow(str(path), None)
    qtbot.addWidget(win)
    win.resize(1280, 800)
    win.show()
    assert win.open_database()
    if role == "township":
        with win.db.session() as s:
            town = s.query(Organization).filter_by(short_name="城关镇党委").one().id
        win.finish_open(win.db, Actor("城关镇办事员", Role.TOWNSHIP_CLERK, town))
    settle()
    return win


def walk_pages(win, language: str) -> list[tuple[str, str, str]]:
    """Every page, every tab of it shown: what is not in the language."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QTabWidget

    found: list[tuple[str, str, str]] = []
    chrome, values = chrome_and_enums(win.menuBar())
    chrome += [("navigation", win.nav.item(i).text()) for i in range(win.nav.count())]
    found += [("window", where, text) for where, text in untranslated(chrome, values, language)]
    for row in range(win.nav.count()):
        key = win.nav.item(row).data(Qt.ItemDataRole.UserRole)
        page = win.navigate(key)
        settle()
        if page is None:
            continue
        for tabs in page.findChildren(QTabWidget):
            for k in range(tabs.count()):
                tabs.setCurrentIndex(k)
                settle()
                chrome, values = chrome_and_enums(page)
                found += [(key, where, text) for where, text in untranslated(chrome, values, language)]
        chrome, values = chrome_and_enums(page)
        found += [(key, where, text) for where, text in untranslated(chrome, values, language)]
    return list(dict.fromkeys(found))


@pytest.mark.parametrize("role", ["admin", "township"])
@pytest.mark.parametrize("language", ["en", "zh"])
def test_every_page_and_dialog_speaks_the_chosen_language(language, role, demo_file, tmp_path, qtbot, messages,
                                                         confirmations, monkeypatch):
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator

    path = tmp_path / "demo.sqlite3"
    shutil.copyfile(demo_file, path)
    app = QApplication.instance()
    confirmations.answer = False  # a button that asks first does nothing here
    translators = install_translator(app, language)
    try:
        win = open_main_window(qtbot, path, role)
        found = walk_pages(win, language)
        language_watch = LanguageWatch(language)
        watch = DialogWatch(monkeypatch.setattr, language_watch)
        press_every_opener(win, watch)
        assert len(set(watch.seen)) >= (25 if role == "admin" else 15), watch.seen
        found += list(dict.fromkeys(language_watch.found))
        assert not found, f"{len(found)} not in {language}:\n" + "\n".join(map(repr, found))
    finally:
        for tr in translators:
            app.removeTranslator(tr)


@pytest.mark.parametrize("language", ["en", "zh"])
def test_qt_s_own_dialogs_follow_the_language(language, qtbot):
    """Qt's file dialog (the one Linux shows) and the message box's standard buttons."""
    from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

    from desktop.app import install_translator

    app = QApplication.instance()
    translators = install_translator(app, language)
    try:
        dialog = QFileDialog(None, "导出" if language == "zh" else "Export")
        dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        qtbot.addWidget(dialog)
        dialog.show()
        chrome, values = chrome_and_enums(dialog)
        box = QMessageBox(QMessageBox.Icon.Question, "?", "?", QMessageBox.StandardButton.Yes
                          | QMessageBox.StandardButton.No | QMessageBox.StandardButton.Cancel
                          | QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Close)
        qtbot.addWidget(box)
        buttons = [("message box button", b.text()) for b in box.buttons()]
        found = untranslated(chrome + buttons, values, language)
        assert not found, found
        if language == "zh":  # the clerk's words, not only no English ones
            assert {"是(&Y)", "否(&N)"} <= {t for _w, t in buttons} or {"是", "否"} <= {t.split("(")[0] for _w, t in buttons}
    finally:
        for tr in translators:
            app.removeTranslator(tr)


def test_every_enumeration_label_and_service_sentence_has_its_english(qtbot):
    """A value added to an enumeration, or a sentence added to forms.choices.PHRASES, without its
    English fails here (tools/update-translations.sh lists them; translate and rerun it)."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator
    from forms.choices import PHRASES, all_labels, enum_text, phrase
    from models.supervision import ProblemStatus

    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        missing = [t for t in all_labels() if CJK.search(QCoreApplication.translate("enums", t))]
        missing += [t for t in PHRASES  # a quoted value or an example of Chinese input may stay
                    if CJK.search(QUOTED.sub(" ", QCoreApplication.translate("phrases", t)))]
        assert not missing, missing
        assert enum_text(ProblemStatus.OPEN) == "To rectify"
        # the values stay as they are, the sentence around them is English
        assert phrase("12天后到期") == "due in 12 days"
        assert phrase("账号“东城镇办事员”只能处理本乡镇的数据，三函由县委组织部办理").startswith("Account “东城镇办事员” handles")
        assert phrase("红星村党支部") == "红星村党支部"  # data: as it is
        assert phrase("户主:何金英、户主:周凤兰") == "household 何金英, household 周凤兰"
    finally:
        for tr in translators:
            app.removeTranslator(tr)
    assert phrase("12天后到期") == "12天后到期" and enum_text(ProblemStatus.OPEN) == "待整改"  # Chinese mode


def test_a_refused_field_says_why_in_english(qtbot, gui_db, actor, messages):
    """The reason under a field (a service's input check) is the interface's language; the value it
    quotes is kept."""
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator
    from forms.choices import phrase
    from forms.member_form import MemberForm

    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        form = MemberForm(gui_db, actor, None)
        qtbot.addWidget(form)
        box = next(iter(form.fields.values()))
        box.set_error("必填")
        assert box.error.text() == "Required"
        box.set_error("“abc”不是数字；不能为空")
        assert box.error.text() == "“abc” is not a number; cannot be empty"
        assert phrase("加入党组织日期：不能晚于今天") == "Joined the Party: cannot be later than today"
    finally:
        for tr in translators:
            app.removeTranslator(tr)
