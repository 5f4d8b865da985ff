"""The wrapping button and filter rows (forms/flow.py): labels level with their boxes, wrapping."""

from __future__ import annotations


def _row(qtbot, width: int):
    from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QWidget

    from forms.flow import FlowLayout

    host = QWidget()
    qtbot.addWidget(host)
    flow = FlowLayout(host)
    label, combo, button = QLabel("评价"), QComboBox(), QPushButton("调整最终等次…")
    combo.addItem("双评 2025（城关镇党委）· 草稿")
    combo.setMinimumHeight(36)  # taller than the label, as the program's style makes it
    for w in (label, combo, button):
        flow.addWidget(w)
    host.resize(width, flow.heightForWidth(width))
    host.show()
    qtbot.waitExposed(host)
    return host, (label, combo, button)  # the host kept alive by the caller


def test_a_label_is_level_with_the_box_beside_it(qtbot):
    _host, (label, combo, button) = _row(qtbot, 900)
    assert label.geometry().center().y() == combo.geometry().center().y()
    assert abs(button.geometry().center().y() - combo.geometry().center().y()) <= 1
    assert label.geometry().top() > combo.geometry().top()  # not stuck to the line's top


def test_a_narrow_row_wraps(qtbot):
    _host, (label, combo, button) = _row(qtbot, 60)
    assert combo.geometry().top() >= label.geometry().bottom()  # each on a line of its own
    assert button.geometry().top() >= combo.geometry().bottom()
