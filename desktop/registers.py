"""The layout the register tabs share (村干部名册, 整顿台账): a line with “显示 [choice]”, the
action buttons and a count, over a read-only table of one row per record."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QAbstractItemView, QComboBox, QLabel, QPushButton, QTableView

from forms.common import add_buttons, gate
from forms.flow import FlowLayout
from models.actor import Actor


def register_bar(shown_text: str, which: QComboBox, actions: Iterable[tuple[str, str, Callable[[], object]]],
                 ops: dict[str, str], actor: Actor) -> tuple[FlowLayout, dict[str, QPushButton], QLabel]:
    """(the line, its buttons by key, the count label); a button in `ops` (key → the operation it
    runs, models/operations.py) is enabled only when the account may run it, else says why."""
    bar = FlowLayout()
    shown = QLabel(shown_text)
    bar.addWidget(shown)
    bar.addWidget(which)
    buttons = add_buttons(bar, tuple(actions))
    for key, name in ops.items():
        gate(buttons[key], actor, name)
    count = QLabel()
    bar.addWidget(count)
    height = next(iter(buttons.values())).sizeHint().height()
    for label in (shown, count):  # on the buttons' line, not above it
        label.setMinimumHeight(height)
        label.setAlignment(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft)
    return bar, buttons, count


def register_view(model: QAbstractItemModel, name: str) -> QTableView:
    """A read-only table, one selected row at a time."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().hide()
    view.horizontalHeader().setStretchLastSection(True)
    view.setWordWrap(False)
    return view
