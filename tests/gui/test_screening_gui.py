"""整顿台账 → 数据筛查…: a branch the data points at opens 开始整顿 with its organization and reasons."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt


def test_a_screened_branch_opens_the_rectification_form_filled_in(qtbot, ctx, gui_db, actor):
    from desktop.pages.orgs import OrgsPage

    errors: list[str] = []
    ctx.show_error = errors.append
    page = OrgsPage(ctx)  # the county has no members: each village branch developed none in 2 years
    qtbot.addWidget(page)
    dialog = page.register.screen_candidates(year=date.today().year - 1, choice=0)
    assert dialog is not None and not errors
    assert dialog.org.org().short_name == "红星村党支部"
    ticked = [dialog.reasons.list.item(i).text() for i in range(dialog.reasons.list.count())
              if dialog.reasons.list.item(i).checkState() == Qt.CheckState.Checked]
    assert ticked == ["2年以上未发展党员（村）"]
