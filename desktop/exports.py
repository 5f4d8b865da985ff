"""The exports that run in the background (desktop.worker): 季度报表, 月度通报, a month's letters as PDF.

Each `export_*` asks what it needs (period and file/folder) unless given, then starts a worker task
and returns it (None when the clerk cancels a question). The work functions take
(session, actor, progress) and never touch a widget.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QInputDialog, QWidget

from forms import files
from models.periods import Period, month, months_back, quarter, quarters_back

from . import worker

#: lupdate extracts translate("context", "literal") calls (a wrapper named tr is filed under no context)
translate = QCoreApplication.translate


def quarter_of(d: date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def previous_month(d: date) -> str:
    return f"{d.year - (d.month == 1)}-{(d.month - 2) % 12 + 1:02d}"


def county_only(actor: Any) -> str | None:
    """Why this account cannot export the county-wide 季度报表 and 月度通报 (None when it may):
    the buttons and menu items are disabled with this as their tip, and asked anyway (a test, a
    shortcut) the export says it before any question."""
    if actor.scope_org_id is None:
        return None
    return translate("exports", "季度报表和月度通报是全县的文件，请由县级账号导出；本乡镇的数据可在各页面导出")


def _refused(ctx: Any, parent: QWidget | None) -> bool:
    from forms import dialogs

    why = county_only(ctx.actor)
    if why:
        dialogs.message(parent, "warning", translate("exports", "不能导出"), why)
    return why is not None


# ---------------------------------------------------------------- the work (pool thread)


def quarterly_work(period: Period, path: Path):
    def work(session, actor, progress: worker.Progress) -> Path:
        from models.settings import get_setting
        from reports import quarterly

        progress.report(0, 0, translate("exports", "正在统计{0}…").replace("{0}", period.title))
        unit = get_setting(session, "agency_name")
        quarterly.export_quarterly(session, actor, progress.output(path), period, unit, quarterly.SHEETS)
        return path

    return work


def monthly_work(period: Period, path: Path, issued: date | None = None, requirements: str = ""):
    def work(session, actor, progress: worker.Progress) -> Path:
        from reports.monthly_pdf import monthly_report_data, render_monthly

        progress.report(0, 2, translate("exports", "正在统计{0}…").replace("{0}", period.title))
        data = monthly_report_data(session, actor, period, issued=issued or date.today(),
                                   requirements=requirements)
        progress.check()
        progress.report(1, 2, translate("exports", "正在排版通报…"))
        render_monthly(data, progress.output(path))
        progress.report(2, 2, "")
        return path

    return work


def assessment_work(year: int, path: Path, as_of: date | None = None):
    def work(session, actor, progress: worker.Progress) -> Path:
        from reports.assessment_xlsx import export_assessment

        progress.report(0, 0, translate("exports", "正在统计{0}年度考核…").replace("{0}", str(year)))
        export_assessment(session, actor, progress.output(path), year, as_of)
        return path

    return work


def letters_work(month_key: str, folder: Path):
    """Every sent letter of the month (in the actor's scope), one PDF each and all of them in one
    file to print (its name: 2026-10函件合订.pdf, first in the list returned); progress per letter."""

    def work(session, actor, progress: worker.Progress) -> list[Path]:
        from models.errors import DomainError
        from models.services import supervision as sv
        from models.supervision import SENT_STATUSES
        from reports.letters import export_letter_pdfs

        letters = sv.letters_of(session, actor, month=month_key, statuses=SENT_STATUSES)
        if not letters:
            raise DomainError(f"{sv.month_text(month_key)}没有已签发的函件")
        temp = progress.output(folder)  # the PDFs reach the folder only when all are made

        def each(k: int, letter) -> None:
            progress.check()
            progress.report(k, len(letters), translate("exports", "正在生成") + f" {letter.number}（{k + 1}/{len(letters)}）")

        name = f"{month_key}函件合订.pdf"
        *single, combined = export_letter_pdfs(session, actor, letters, temp, temp / name, each)
        progress.report(len(letters), len(letters), "")
        return [folder / combined.name, *(folder / p.name for p in single)]

    return work


# ---------------------------------------------------------------- asking, then starting (main thread)


def _choose(parent: QWidget | None, title: str, label: str, items: list[str], default: str) -> str | None:
    """A period chosen from a list (not typed)."""
    current = items.index(default) if default in items else 0
    text, ok = QInputDialog.getItem(parent, title, label, items, current, False)
    return text if ok and text else None


def _finished(ctx: Any, parent: QWidget | None, what: str):
    def done(result: Any) -> None:
        from forms import dialogs

        if isinstance(result, list):  # letters: the combined file first, then the folder
            target = result[0] if result else None
            text = translate("exports", "已导出") + f"{what}（{len(result) - 1}" + translate("exports", "份，另合订为一个文件") + "）"
        else:
            target, text = result, translate("exports", "已导出") + what
        ctx.status(f"{text}：{target}")
        if target is not None:
            dialogs.exported(parent, translate("exports", "导出完成"), text, target)

    return done


def export_quarterly(ctx: Any, parent: QWidget | None = None, quarter_text: str | None = None,
                     path: str | Path | None = None, today: date | None = None) -> worker.Task | None:
    from forms import dialogs

    if _refused(ctx, parent):
        return None
    today = today or date.today()
    quarter_text = quarter_text or _choose(parent, translate("exports", "导出季度报表"), translate("exports", "季度："),
                                           quarters_back(today, 8), quarter_of(today))
    if not quarter_text:
        return None
    period = dialogs.attempt(parent, lambda: quarter(quarter_text))
    if period is None:
        return None
    if path is None:
        path = files.save_path(parent, translate("exports", "保存季度报表"), f"{period.label}季度报表.xlsx",
                               "Excel (*.xlsx)")
        if not path:
            return None
    return worker.start(ctx, quarterly_work(period, Path(path)), parent, translate("exports", "导出季度报表"),
                        _finished(ctx, parent, period.title))


def export_monthly(ctx: Any, parent: QWidget | None = None, month_text: str | None = None,
                   path: str | Path | None = None, today: date | None = None,
                   requirements: str | None = None) -> worker.Task | None:
    from forms import dialogs

    if _refused(ctx, parent):
        return None
    today = today or date.today()
    month_text = month_text or _choose(parent, translate("exports", "导出月度通报"), translate("exports", "月份："), months_back(today, 13),
                                       previous_month(today))
    if not month_text:
        return None
    period = dialogs.attempt(parent, lambda: month(month_text))
    if period is None:
        return None
    if path is None:
        if requirements is None:  # 下步工作要求, written before the report is made
            from forms.letters import ReasonDialog  # Esc after typing asks (docs/screen.md)

            asked = ReasonDialog(parent, translate("exports", "下步工作要求"),
                                 translate("exports", "通报末尾的“下步工作要求”（每段一行，可留空）："), "下步工作要求",
                                 None, multiline=True)
            if asked.exec() != QDialog.DialogCode.Accepted:
                return None
            requirements = asked.values()
        path = files.save_path(parent, translate("exports", "保存月度通报"), f"{period.label}督查通报.pdf", "PDF (*.pdf)")
        if not path:
            return None
    return worker.start(ctx, monthly_work(period, Path(path), today, requirements or ""), parent,
                        translate("exports", "导出月度通报"), _finished(ctx, parent, period.title))


def export_assessment(ctx: Any, parent: QWidget | None = None, year: int | None = None,
                      path: str | Path | None = None, today: date | None = None) -> worker.Task | None:
    """The yearly 三函 assessment workbook (county accounts)."""
    if _refused(ctx, parent):
        return None
    today = today or date.today()
    if year is None:
        years = [str(y) for y in range(today.year, today.year - 5, -1)]
        chosen = _choose(parent, translate("exports", "导出年度考核"), translate("exports", "考核年度："), years, years[0])
        if not chosen:
            return None
        year = int(chosen)
    if path is None:
        path = files.save_path(parent, translate("exports", "保存年度考核"), f"{year}年度党建考核（三函）.xlsx",
                               "Excel (*.xlsx)")
        if not path:
            return None
    as_of = min(today, date(year, 12, 31))
    return worker.start(ctx, assessment_work(year, Path(path), as_of), parent,
                        translate("exports", "导出年度考核"), _finished(ctx, parent, f"{year}年度党建考核"))


def export_letters(ctx: Any, parent: QWidget | None = None, month_key: str | None = None,
                   folder: str | Path | None = None, today: date | None = None) -> worker.Task | None:
    from forms import dialogs

    today = today or date.today()
    month_key = month_key or _choose(parent, translate("exports", "导出本月函件PDF"), translate("exports", "月份："), months_back(today, 13),
                                     f"{today.year}-{today.month:02d}")
    if not month_key:
        return None
    period = dialogs.attempt(parent, lambda: month(month_key))
    if period is None:
        return None
    if folder is None:
        folder = files.folder(parent, translate("exports", "选择保存函件PDF的文件夹"))
        if not folder:
            return None
    return worker.start(ctx, letters_work(period.label, Path(folder)), parent, translate("exports", "导出函件PDF"),
                        _finished(ctx, parent, period.title + translate("exports", "函件")))
