"""The program's style sheet on real widgets: what a clerk sees in a drop-down list."""

from __future__ import annotations

from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QComboBox


def _dark_pixels(image, rect) -> int:
    rect = rect.intersected(image.rect())
    return sum(1 for x in range(rect.left(), rect.right()) for y in range(rect.top(), rect.bottom())
               if QColor(image.pixel(x, y)).lightness() < 100)


def test_the_current_item_of_an_open_drop_down_is_readable(qtbot, looked):
    """The filter 在册/已终止/全部 opened: 在册, the item chosen, is drawn (it was an empty white
    box: the QComboBox rule of the style sheet was applied to the list's current item)."""
    combo = QComboBox()
    combo.addItems(["在册", "已终止", "全部"])
    qtbot.addWidget(combo)
    combo.show()
    qtbot.waitExposed(combo)
    combo.showPopup()
    view = combo.view()
    qtbot.waitUntil(view.isVisible)
    QApplication.processEvents()
    popup = view.window()  # the popup as drawn, frame and all
    image = popup.grab().toImage()

    def on_popup(row: int):
        rect = view.visualRect(view.model().index(row, 0))
        return rect.translated(view.viewport().mapTo(popup, rect.topLeft()) - rect.topLeft())

    current, other = on_popup(0), on_popup(1)
    assert _dark_pixels(image, other) > 20  # the check sees text where there is some
    assert _dark_pixels(image, current) > 20
    combo.hidePopup()
