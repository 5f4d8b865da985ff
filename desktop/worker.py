"""The one background runner: exports, imports, the demo build and the daily backup.

    task = start(ctx, fn, parent=page, title="正在导出…", on_done=lambda result: ...)
    task = background(fn, on_done=..., on_failed=...)      # work without a database session

`fn(session, actor, progress)` runs in a pool thread inside one transaction opened from ctx.db
(`Database.transaction()`; never a widget); it may call `progress.report(done, total, text)` and
must let `progress.check()` raise `Cancelled` between parts when the work can be split. On the main
thread: `done(result)`, `failed(message)` for an expected error (models.errors.DomainError: shown as
a plain message unless `on_failed` is given), `cancelled()`, and anything else goes to the crash
path (sys.excepthook: log + crash dialog).

Cancel really cancels: a cancel that arrives at any time before the work ends rolls the
transaction back, and files are written through `progress.output(path)` (a hidden temporary
beside the target, moved into place only when the work finished uncancelled), so a cancelled
export leaves no file. The main window waits for running tasks when it quits (`wait_all`).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from forms import dialogs
from models.errors import DomainError

log = logging.getLogger(__name__)


class Cancelled(Exception):
    """Raised by Progress.check() once the clerk pressed 取消."""


class Progress:
    """Handed to the work function (thread-safe: it only emits signals and reads an Event)."""

    def __init__(self, task: Task):
        self._task = task
        self._outputs: list[tuple[Path, Path]] = []

    def report(self, done: int, total: int, text: str = "") -> None:
        self._task.progressed.emit(done, total, text)

    @property
    def cancelled(self) -> bool:
        return self._task._cancel.is_set()

    def check(self) -> None:
        if self.cancelled:
            raise Cancelled

    def output(self, path: str | Path) -> Path:
        """Where to write `path` (a file, or a folder of files): a hidden temporary beside it that
        becomes `path` only when the work ends uncancelled."""
        final = Path(path)
        temp = final.with_name(f".{final.stem}.part{threading.get_ident()}{final.suffix}")
        self._outputs.append((temp, final))
        return temp

    def _commit_outputs(self) -> None:
        for temp, final in self._outputs:
            if temp.is_dir():
                final.mkdir(parents=True, exist_ok=True)
                for item in temp.iterdir():
                    os.replace(item, final / item.name)
                temp.rmdir()
            elif temp.exists():
                os.replace(temp, final)
        self._outputs.clear()

    def _discard_outputs(self) -> None:
        for temp, _final in self._outputs:
            if temp.is_dir():
                shutil.rmtree(temp, ignore_errors=True)
            else:
                temp.unlink(missing_ok=True)
        self._outputs.clear()


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
        self.dialog: QProgressDialog | None = None  # the progress shown, if any
        self.result: Any = None
        self.error: str | None = None
        self._ended = threading.Event()

    def cancel(self) -> None:
        self._cancel.set()

    def wait(self, ms: int = 120000) -> bool:
        """Block until the work has ended (not its main-thread handlers); True when it did."""
        return self._ended.wait(ms / 1000)

    def run(self) -> None:
        """Body of the pool thread."""
        progress = Progress(self)
        try:
            try:
                if self.ctx is None:
                    result = self.fn(None, None, progress)
                    progress.check()
                else:
                    with self.ctx.db.transaction() as session:
                        result = self.fn(session, self.ctx.actor, progress)
                        progress.check()  # cancelled during the last part: rolled back all the same
                progress._commit_outputs()
            finally:
                progress._discard_outputs()
        except Cancelled:
            self.cancelled.emit()
        except DomainError as exc:
            from forms.choices import phrase

            self.failed.emit(phrase(str(exc)))  # a known sentence in the interface's language
        except Exception:  # noqa: BLE001 - handed to the crash path on the main thread
            self.crashed.emit(sys.exc_info())
        else:
            self.done.emit(result)
        self._ended.set()
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


def wait_all(ms: int = 120000) -> bool:
    """Wait for every running task (the main window, when it closes); True when all ended."""
    return all(task.wait(ms) for task in list(_RUNNING)) and pool().waitForDone(ms)


def background(
    fn: Callable[[], Any], on_done: Callable[[Any], None] | None = None,
    on_failed: Callable[[str], None] | None = None, parent: QWidget | None = None,
) -> Task:
    """Work without a database session of its own (the demo build, the daily backup): any error
    is logged and reported to `on_failed` as one line."""

    def work(_session: Any, _actor: Any, _progress: Progress) -> Any:
        try:
            return fn()
        except DomainError:
            raise
        except Exception as exc:  # noqa: BLE001 - reported, and logged with its traceback
            log.exception("background work failed")
            raise DomainError(f"{type(exc).__name__}: {exc}") from exc

    return start(None, work, parent, on_done=on_done, on_failed=on_failed, show_progress=False)


def start(
    ctx: Any, fn: Callable[..., Any], parent: QWidget | None = None, title: str = "",
    on_done: Callable[[Any], None] | None = None, show_progress: bool = True,
    on_failed: Callable[[str], None] | None = None,
    on_cancelled: Callable[[], None] | None = None,
) -> Task:
    """Run fn in the background; progress in a dialog (with 取消); errors handled as described above.

    `ctx`: anything with `db` and `actor` (the window's AppContext), or None for work without
    a session."""
    task = Task(ctx, fn)
    task.running = True
    dialog: QProgressDialog | None = None
    if show_progress:
        dialog = QProgressDialog(title, QCoreApplication.translate("worker", "取消"), 0, 0, parent)
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

    closed: list[bool] = []

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
        if on_failed is not None:
            on_failed(text)
        else:
            dialogs.message(parent, "warning", title or QCoreApplication.translate("worker", "操作未完成"), text)

    def cancelled() -> None:
        finish()
        if on_cancelled is not None:
            on_cancelled()

    def crashed(info: Any) -> None:
        finish()
        task.error = str(info[1])
        sys.excepthook(*info)

    queued = Qt.ConnectionType.QueuedConnection
    task.cancelled.connect(cancelled, queued)
    task.finished.connect(finish, queued)
    task.done.connect(done, queued)
    task.failed.connect(failed, queued)
    task.crashed.connect(crashed, queued)
    _RUNNING.add(task)
    pool().start(_Runnable(task))
    return task
