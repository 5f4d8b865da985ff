"""Background work (exports) with progress and cancel, results and errors back on the main thread.

    task = start(ctx, fn, parent=page, title="正在导出…", on_done=lambda result: ...)

`fn(session, actor, progress)` runs in a pool thread with its own Session opened from ctx.db
(never a widget); it may call `progress.report(done, total, text)` and must let `progress.check()`
raise `Cancelled` between parts when the work can be split. On the main thread: `done(result)`,
`failed(message)` for an expected error (models.errors.DomainError: shown as a plain message),
`cancelled()`, and anything else goes to the crash path (sys.excepthook: log + crash dialog).
"""

from __future__ import annotations

import sys
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from forms import dialogs
from models.errors import DomainError


class Cancelled(Exception):
    """Raised by Progress.check() once the clerk pressed 取消."""


class Progress:
    """Handed to the work function (thread-safe: it only emits signals and reads an Event)."""

    def __init__(self, task: Task):
        self._task = task

    def report(self, done: int, total: int, text: str = "") -> None:
        self._task.progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._task._cancel.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled


class Task(QObject):
    """One piece of background work. Signals arrive on the main thread (queued)."""

    progressed = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    crashed = Signal(object)
    #: emitted last, whatever the outcome
    finished = Signal()

    def __init__(self, ctx: Any, fn: Callable[..., Any], parent: QObject | None = None):
        super().__init__(parent)
        self.ctx, self.fn = ctx, fn
        self._cancel = threading.Event()
        self.running = False
        self.result: Any = None
        self.error: str | None = None

    def cancel(self) -> None:
        self._cancel.set()

    def run(self) -> None:
        """Body of the pool thread."""
        progress = Progress(self)
        try:
            with self.ctx.db.transaction() as session:
                result = self.fn(session, self.ctx.actor, progress)
        except Cancelled:
            self.cancelled.emit()
        except DomainError as exc:
            self.failed.emit(str(exc))
        except Exception:  # noqa: BLE001 - handed to the crash path on the main thread
            self.crashed.emit(sys.exc_info())
        else:
            self.done.emit(result)
        self.finished.emit()


class _Runnable(QRunnable):
    def __init__(self, task: Task):
        super().__init__()
        self.task = task
        self.setAutoDelete(True)

    def run(self) -> None:
        self.task.run()


#: tasks under way (kept referenced until they finish)
_RUNNING: set[Task] = set()


def pool() -> QThreadPool:
    return QThreadPool.globalInstance()


def start(
    ctx: Any, fn: Callable[..., Any], parent: QWidget | None = None, title: str = "",
    on_done: Callable[[Any], None] | None = None, show_progress: bool = True,
) -> Task:
    """Run fn in the background; progress in a dialog (with 取消); errors handled as described above."""
    task = Task(ctx, fn)
    task.running = True
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(title, task.tr("取消"), 0, 0, parent)
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(task.cancel)
        task.dialog = dialog

        def show_progress_(done: int, total: int, text: str) -> None:
            dialog.setMaximum(max(total, 0))
            dialog.setValue(done)
            if text:
                dialog.setLabelText(text)

        task.progressed.connect(show_progress_, Qt.ConnectionType.QueuedConnection)

    closed = []

    def finish() -> None:  # the progress dialog goes before a result or message is shown
        task.running = False
        _RUNNING.discard(task)
        if dialog is not None and not closed:
            closed.append(True)
            dialog.reset()
            dialog.close()
            dialog.deleteLater()

    def done(result: Any) -> None:
        finish()
        task.result = result
        if on_done is not None:
            on_done(result)

    def failed(text: str) -> None:
        finish()
        task.error = text
        dialogs.message(parent, "warning", title or task.tr("操作未完成"), text)

    def crashed(info: Any) -> None:
        finish()
        task.error = str(info[1])
        sys.excepthook(*info)

    queued = Qt.ConnectionType.QueuedConnection
    task.cancelled.connect(finish, queued)
    task.finished.connect(finish, queued)
    task.done.connect(done, queued)
    task.failed.connect(failed, queued)
    task.crashed.connect(crashed, queued)
    _RUNNING.add(task)
    pool().start(_Runnable(task))
    return task
