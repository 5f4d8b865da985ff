"""Run by tests/test_x11_screen.py on a real X display (Xvfb at 1024×768 with a window manager):
the main window as each role, every page of its navigation, a few forms, and every dialog reachable
from the menus and the pages' buttons (tests/dialog_walk.py: each opened, then closed without
saving); prints one JSON line per window with its frame (as the window manager placed and decorated
it), what lies off screen and, for a dialog, whether its default button is visible on screen.

    python tests/x11_screen_check.py LANGUAGE DATABASE [SCREENSHOT_FOLDER]
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main(language: str, database: str, shots: str | None) -> int:
    from PySide6.QtCore import QCoreApplication, QPoint, QRect
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QAbstractButton, QApplication, QDialogButtonBox

    from desktop.app import MainWindow, apply_look, install_translator
    from desktop.context import AppContext
    from models.actor import Actor
    from models.db import open_database
    from tests.dialog_walk import DialogWatch, press_every_opener

    app = QApplication([sys.argv[0]])
    apply_look(app)
    install_translator(app, language)
    screen = app.primaryScreen().geometry()
    avail = app.primaryScreen().availableGeometry()

    def settle(window, ms: int = 8000, step: int = 50) -> bool:
        """Wait until the window manager has framed the window (its frame larger than its inside);
        once more after showing it again if the frame's news was lost. `step`: how often to look
        (and twice that, how long to let the window manager place it after framing)."""
        for attempt in range(2):
            for _ in range(ms // step):
                QTest.qWait(step)
                if window.isVisible() and window.frameGeometry() != window.geometry():
                    QTest.qWait(2 * step)
                    return True
            if attempt == 0:
                window.hide()
                QTest.qWait(100)
                window.show()
        return False

    def report(name: str, window, buttons: list | None = None) -> None:
        framed = settle(window)
        frame = window.frameGeometry()
        off = []
        for b in buttons if buttons is not None else window.findChildren(QAbstractButton):
            if b.isVisibleTo(window):
                where = QRect(b.mapToGlobal(QPoint(0, 0)), b.size())
                if not where.isEmpty() and not screen.contains(where):  # (a table's 0×0 corner button)
                    off.append(f"{b.text() or b.toolTip() or b.objectName() or type(b).__name__}"
                               f"@{where.x()},{where.y()}")
        line = {"window": name, "framed": framed, "inside": screen.contains(frame),
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()], "off": off}
        if hasattr(window, "statusBar"):
            bar = window.statusBar()
            line["status_bar"] = bar.isVisible() and screen.contains(
                QRect(bar.mapToGlobal(QPoint(0, 0)), bar.size()))
        print(json.dumps(line, ensure_ascii=False), flush=True)

    def default_button(dialog):
        """The button Enter presses (or the one that accepts); for a dialog that only shows
        something, the one that closes it."""
        from PySide6.QtWidgets import QMessageBox, QPushButton, QWizard

        if isinstance(dialog, QWizard):
            for which in (QWizard.WizardButton.FinishButton, QWizard.WizardButton.NextButton,
                          QWizard.WizardButton.CommitButton):
                if dialog.button(which).isVisible():
                    return dialog.button(which)
        if isinstance(dialog, QMessageBox) and dialog.defaultButton() is not None:
            return dialog.defaultButton()
        shown = [b for b in dialog.findChildren(QPushButton) if b.isVisible() and b.window() is dialog]
        role = QDialogButtonBox.ButtonRole
        boxed = [(box.buttonRole(b), b) for box in dialog.findChildren(QDialogButtonBox)
                 for b in box.buttons() if b.isVisible() and b.window() is dialog]
        return (next((b for b in shown if b.isDefault()), None)
                or next((b for r, b in boxed if r in (role.AcceptRole, role.YesRole)), None)
                or next((b for r, b in boxed if r in (role.RejectRole, role.NoRole)), None)
                or (shown[-1] if shown else None))

    def report_dialog(name: str, dialog) -> None:
        began = time.monotonic()
        framed = settle(dialog, 1000, 25)  # (a dialog not framed by then: the test leaves room for it)
        waited = round((time.monotonic() - began) * 1000)
        frame = dialog.frameGeometry()
        off = []
        for b in dialog.findChildren(QAbstractButton):
            if b.isVisible() and b.window() is dialog:
                where = QRect(b.mapToGlobal(QPoint(0, 0)), b.size())
                if not where.isEmpty() and not avail.contains(where):
                    off.append(f"{b.text() or b.toolTip() or b.objectName() or type(b).__name__}"
                               f"@{where.x()},{where.y()}")
        button = default_button(dialog)
        line = {"window": name, "dialog": True, "framed": framed, "inside": avail.contains(frame),
                "frame": [frame.x(), frame.y(), frame.width(), frame.height()], "off": off,
                "default": button.text() if button is not None else None,
                "default_shown": button is not None and button.isVisible() and avail.contains(
                    QRect(button.mapToGlobal(QPoint(0, 0)), button.size())),
                "waited_ms": waited}
        print(json.dumps(line, ensure_ascii=False), flush=True)

    # closed without saving: a dialog that asks before discarding typed input is told yes; any
    # other question (a button that asks first) is answered no, so nothing is changed
    from forms import dialogs

    discard = QCoreApplication.translate("dialogs", "放弃输入")
    dialogs.confirm = lambda _parent, title, _text: title == discard
    current_role = [""]
    watch = DialogWatch(setattr, lambda d: report_dialog(
        f"{current_role[0]} dialog {type(d).__name__} “{d.windowTitle()}”", d))

    def box_buttons(dialog) -> list:
        return [b for box in dialog.findChildren(QDialogButtonBox) for b in box.buttons()]

    db = open_database(database)
    with db.session() as s:
        from sqlalchemy import select

        from models.enums import OrgKind
        from models.org import Organization

        root = s.scalar(select(Organization.id).where(Organization.parent_id.is_(None)))
        east = (s.scalar(select(Organization.id).where(Organization.short_name == "东城镇党委"))
                or s.scalar(select(Organization.id).where(Organization.parent_id == root).order_by(Organization.id)))
        village = (s.scalar(select(Organization.id).where(Organization.short_name == "红星村党支部"))
                   or s.scalar(select(Organization.id).where(Organization.kind == OrgKind.BRANCH)
                               .order_by(Organization.id)))
    roles = [Actor("管理员", "管理员"), Actor("县里", "县级办事员"), Actor("东城", "乡镇办事员", east),
             Actor("领导", "只读")]
    for actor in roles:
        win = MainWindow(database, None)
        win._started = True  # logged in below as this role, not by start-up
        win.show_on_screen()
        win.finish_open(db, actor)
        report(f"{actor.role} 主窗口", win)
        for row in range(win.nav.count()):
            key = win.nav.item(row).data(0x0100)
            page = win.navigate(key)
            QTest.qWait(150)
            report(f"{actor.role} {key}", win, page.findChildren(QAbstractButton) if page else [])
            if shots and actor.role == "管理员":
                app.primaryScreen().grabWindow(0).save(str(Path(shots) / f"{key}-1024x768.png"))
        if actor.role == "管理员":
            from desktop.settings_dialog import SettingsDialog
            from forms.member_form import MemberForm

            ctx = AppContext(db, actor)
            supervision = win.navigate("supervision")
            forms = [("党员表单", MemberForm(db, actor, org_id=village, parent=win)),
                     ("登记问题", supervision.new_problem_dialog()),
                     ("新增月度任务", supervision.new_task_dialog()),
                     ("设置", SettingsDialog(ctx, win))]
            for name, dialog in forms:
                dialog.show()
                report(name, dialog, box_buttons(dialog))
                if shots and name == "设置":
                    app.primaryScreen().grabWindow(0).save(str(Path(shots) / "settings-1024x768.png"))
                dialog.done(0)
        current_role[0] = actor.role
        press_every_opener(win, watch)
        win.wait_for_work()
        win.close()
        win.deleteLater()
        QTest.qWait(100)
    db.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None))
