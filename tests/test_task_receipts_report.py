"""The monthly report's task-completion table per township (docs/task-receipts.md)."""

from __future__ import annotations

from datetime import date

from models.actor import Actor
from models.periods import month
from models.services import supervision as sv
from reports.monthly_pdf import monthly_report_data, render_monthly
from tests.supervision_factories import task
from tests.test_reports_monthly import NEEDS_POPPLER, pdf_text


@NEEDS_POPPLER
def test_the_monthly_report_counts_each_townships_receipts(session, county, actor, tmp_path):
    meeting = task(session, actor, due_on=date(2026, 3, 25))
    study = task(session, actor, title="开展主题党日", due_on=date(2026, 3, 31))
    east = Actor("东城组织委员", "乡镇办事员", county.east.id)
    sv.report_task(session, east, meeting.id, county.east.id, "完成", date(2026, 3, 24), today=date(2026, 4, 1))
    sv.report_task(session, east, study.id, county.east.id, "部分完成", date(2026, 4, 1), today=date(2026, 4, 1))
    sv.report_task(session, actor, study.id, county.west.id, "未完成", date(2026, 3, 30), today=date(2026, 4, 1))
    session.commit()
    data = monthly_report_data(session, actor, month("2026-03"), issued=date(2026, 4, 2))
    text = pdf_text(render_monthly(data, tmp_path / "m.pdf"))
    assert "各乡镇（单位）重点任务完成情况（截至2026年4月2日）" in text
    table = text[text.index("重点任务完成情况"):text.index("二、")]
    rows = {ln.split()[0]: ln.split()[1:] for ln in table.splitlines() if ln.split()}
    # 重点任务 完成 部分完成 未完成 未报送 逾期
    assert rows["东城镇党委"] == ["2", "1", "1", "0", "0", "1"]  # 主题党日 reported a day late
    assert rows["西山乡党委"] == ["2", "0", "0", "1", "1", "1"]  # 党员大会 unreported past its deadline
    assert rows["合计"] == ["4", "1", "1", "1", "1", "2"]
