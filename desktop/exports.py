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
from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from models.periods import Period, month, quarter

from . import worker


def tr(text: str) -> str:
    return QCoreApplication.translate("exports", text)


def quarter_of(d: date) -> str:
    return f"{d.year}Q{(d.month - 1) // 3 + 1}"


def previous_month(d: date) -> str:
    return f"{d.year - (d.month == 1)}-{(d.month - 2) % 12 + 1:02d}"


# ---------------------------------------------------------------- the work (pool thread)


def quarterly_work(period: Period, path: Path):
    def work(session, actor, progress: worker.Progress) -> Path:
        from models.settings import get_setting
        from reports import quarterly

        progress.report(0, 0, tr("正在统计{0}…").replace("{0}", period.title))
        unit = get_setting(session, "agency_name")
        quarterly.export_quarterly(session, actor, progress.output(path), period, unit, quarterly.SHEETS)
        return path

    return work


def monthly_work(period: Period, path: Path, issued: date | None = None):
    def work(session, actor, progress: worker.Progress) -> Path:
        from reports.monthly_pdf import monthly_report_data, render_monthly

        progress.report(0, 2, tr("正在统计{0}…").replace("{0}", period.title))
        data = monthly_report_data(session, actor, period, issued=issued or date.today())
        progress.check()
        progress.report(1, 2, tr("正在排版通报…"))
        render_monthly(data, progress.output(path))
        progress.report(2, 2, "")
        return path

    return work


def letters_work(month_key: str, folder: Path):
    """Every sent letter of the month (in the actor's scope), one PDF each; progress per letter."""

    def work(session, actor, progress: worker.Progress) -> list[Path]:
        from models.errors import DomainError
        from models.services import supervision as sv
        from models.supervision import SENT_STATUSES
        from reports.letters import export_letter_pdfs

        letters = sv.letters_of(session, actor, month=month_key, statuses=SENT_STATUSES)
        if not letters:
            raise DomainError(f"{sv.month_text(month_key)}没有已签发的函件")
        out: list[Path] = []
        temp = progress.output(folder)  # the PDFs reach the folder only when all are made
        for k, letter in enumerate(letters):
            progress.check()
            progress.report(k, len(letters), tr("正在生成") + f" {letter.number}（{k + 1}/{len(letters)}）")
            out += [folder / p.name for p in export_letter_pdfs(session, actor, [letter], temp)]
        progress.report(len(letters), len(letters), "")
        return out

    return work


# ---------------------------------------------------------------- asking, then starting (main thread)


def _ask(parent: QWidget | None, title: str, label: str, default: str) -> str | None:
    text, ok = QInputDialog.getText(parent, title, label, text=default)
    return text.strip() if ok and text.strip() else None


def _finished(ctx: Any, what: str):
    def done(result: Any) -> None:
        target = result[0].parent if isinstance(result, list) and result else result
        ctx.status(tr("已导出") + f"{what}：{target}")

    return done


def export_quarterly(ctx: Any, parent: QWidget | None = None, quarter_text: str | None = None,
                     path: str | Path | None = None, today: date | None = None) -> worker.Task | None:
    from forms import dialogs

    today = today or date.today()
    quarter_text = quarter_text or _ask(parent, tr("导出季度报表"), tr("季度（如2026Q3）："), quarter_of(today))
    if not quarter_text:
        return None
    period = dialogs.attempt(parent, lambda: quarter(quarter_text))
    if period is None:
        return None
    if path is None:
        path, _f = QFileDialog.getSaveFileName(parent, tr("保存季度报表"), f"{period.label}季度报表.xlsx",
                                               "Excel (*.xlsx)")
        if not path:
            return None
    return worker.start(ctx, quarterly_work(period, Path(path)), parent, tr("导出季度报表"),
                        _finished(ctx, period.title))


def export_monthly(ctx: Any, parent: QWidget | None = None, month_text: str | None = None,
                   path: str | Path | None = None, today: date | None = None) -> worker.Task | None:
    from forms import dialogs

    today = today or date.today()
    month_text = month_text or _ask(parent, tr("导出月度通报"), tr("月份（如2026-10）："), previous_month(today))
    if not month_text:
        return None
    period = dialogs.attempt(parent, lambda: month(month_text))
    if period is None:
        return None
    if path is None:
        path, _f = QFileDialog.getSaveFileName(parent, tr("保存月度通报"), f"{period.label}督查通报.pdf", "PDF (*.pdf)")
        if not path:
            return None
    return worker.start(ctx, monthly_work(period, Path(path), today), parent, tr("导出月度通报"),
                        _finished(ctx, period.title))


def export_letters(ctx: Any, parent: QWidget | None = None, month_key: str | None = None,
                   folder: str | Path | None = None, today: date | None = None) -> worker.Task | None:
    from forms import dialogs

    today = today or date.today()
    month_key = month_key or _ask(parent, tr("导出本月函件PDF"), tr("月份（如2026-10）："),
                                  f"{today.year}-{today.month:02d}")
    if not month_key:
        return None
    period = dialogs.attempt(parent, lambda: month(month_key))
    if period is None:
        return None
    if folder is None:
        folder = QFileDialog.getExistingDirectory(parent, tr("选择保存函件PDF的文件夹"))
        if not folder:
            return None
    return worker.start(ctx, letters_work(period.label, Path(folder)), parent, tr("导出函件PDF"),
                        _finished(ctx, period.title + tr("函件")))
