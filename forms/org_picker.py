"""One organization picker for every form: type a name, a short name or pinyin initials, choose
from the list (grouped by township), or press Enter. A text that names no organization, or
several, is refused with a message; it never falls back to the first organization of a list."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QCompleter, QLabel, QLineEdit, QVBoxLayout, QWidget

from models.errors import NotFound
from models.services.orgsearch import OrgEntry, resolve, search

#: at most this many suggestions in the drop-down list
SHOWN = 60


class OrgPicker(QWidget):
    """A line edit with suggestions and a line under it naming the organization chosen (hidden
    while nothing is typed)."""

    changed = Signal()

    def __init__(self, entries: list[OrgEntry], parent: QWidget | None = None,
                 current: int | None = None, keep_room: bool = False):
        super().__init__(parent)
        self.entries = entries
        self._shown: list[OrgEntry] = []
        self.edit = QLineEdit()
        self.edit.setObjectName("orgPicker")
        self.edit.setPlaceholderText(self.tr("输入名称、简称或拼音首字母（如 gzz）"))
        self.edit.setClearButtonEnabled(True)
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCompletionMode(QCompleter.CompletionMode.UnfilteredPopupCompletion)
        self.completer.setMaxVisibleItems(12)
        self.completer.activated[str].connect(self._picked)  # type: ignore[index]  # PySide6's stub lacks [str]
        self.edit.setCompleter(self.completer)
        self.edit.installEventFilter(self)
        self.completer.popup().installEventFilter(self)  # (after QCompleter's own: runs first)
        self.edit.textEdited.connect(self._suggest)
        self.edit.textChanged.connect(lambda _t: self._update_note())
        self.note = QLabel()
        self.note.setObjectName("orgPickerNote")
        self.note.setWordWrap(True)
        if keep_room:  # the line's room is kept while hidden: the form does not jump when it appears
            policy = self.note.sizePolicy()
            policy.setRetainSizeWhenHidden(True)
            self.note.setSizePolicy(policy)
            self.note.setMinimumHeight(self.note.fontMetrics().height())
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(2)
        lay.addWidget(self.edit)
        lay.addWidget(self.note)
        self.setFocusProxy(self.edit)
        if current is not None:
            self.set_org(current)
        self._update_note()

    # -- choosing
    def set_org(self, org_id: int | None) -> None:
        entry = next((e for e in self.entries if e.id == org_id), None)
        self.edit.setText(entry.label if entry else "")

    def _suggest(self, text: str) -> None:
        self._shown = search(self.entries, text, SHOWN)
        # grouped by township: entries come in tree order, so a township's units stay together
        self._shown.sort(key=lambda e: (e.township, 0))
        self.model.setStringList([e.label for e in self._shown])
        if self._shown:
            self.completer.complete()

    def _picked(self, label: str) -> None:
        self.edit.setText(label)
        self._update_note()

    # -- reading
    def org(self) -> OrgEntry:
        """The organization the text names; NotFound (with the clerk's message) otherwise."""
        return resolve(self.entries, self.edit.text())

    def org_id(self) -> int | None:
        try:
            return self.org().id
        except NotFound:
            return None

    def problem(self) -> str | None:
        """Why the text does not name one organization, or None when it does."""
        try:
            self.org()
        except NotFound as exc:
            return str(exc)
        return None

    def shows_problem(self) -> bool:
        """Whether the line under the box is saying why the text names no organization."""
        return bool(self.edit.text().strip()) and self.problem() is not None

    def _update_note(self) -> None:
        text = self.edit.text().strip()
        # an empty note is hidden: a visible empty label leaves a blank line under the box
        self.note.setVisible(bool(text))
        if not text:
            self.note.setText("")
            self.note.setStyleSheet("")
        else:
            try:
                entry = self.org()
                self.note.setText(self.tr("将选择：%1").replace("%1", entry.label))
                self.note.setStyleSheet("color: #1e7e34;")
            except NotFound as exc:
                self.note.setText(str(exc))
                self.note.setStyleSheet("color: #c0392b;")
        self.changed.emit()

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt name
        """↓ in the line edit opens the suggestions for what is typed (or every organization). A
        click outside the open suggestions closes them and lands where it was aimed (another field,
        a button), instead of being swallowed with the typing going on in the picker."""
        popup = self.completer.popup()
        if obj is popup and isinstance(event, QMouseEvent) and event.type() == QEvent.Type.MouseButtonPress:
            at = event.globalPosition().toPoint()
            if not popup.rect().contains(popup.mapFromGlobal(at)):
                popup.hide()
                window = self.window()
                target = window.childAt(window.mapFromGlobal(at))
                if target is not None and target is not self.edit:
                    if target.focusPolicy() & Qt.FocusPolicy.ClickFocus:
                        target.setFocus(Qt.FocusReason.MouseFocusReason)
                    local = QPointF(target.mapFromGlobal(at))
                    for kind in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease):
                        QApplication.postEvent(target, QMouseEvent(
                            kind, local, QPointF(at), event.button(),
                            event.buttons() if kind == QEvent.Type.MouseButtonPress else Qt.MouseButton.NoButton,
                            event.modifiers()))
                return True
        if (obj is self.edit and isinstance(event, QKeyEvent) and event.type() == QEvent.Type.KeyPress
                and event.key() == Qt.Key.Key_Down
                and not self.completer.popup().isVisible()):
            self._suggest(self.edit.text())
            return True
        return super().eventFilter(obj, event)
