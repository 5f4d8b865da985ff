"""What every page of the main window is given: the open database, the account, background work."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

from models.actor import Actor
from models.db import Database


@dataclass
class AppContext:
    db: Database
    actor: Actor
    #: set by the main window: show an expected-error message to the clerk
    show_error: Callable[[str], None] = field(default=lambda message: None)
    #: set by the main window: navigate to a page by key, with optional arguments
    navigate: Callable[..., None] = field(default=lambda key, **kw: None)
    #: set by the main window: a short line in the status bar
    status: Callable[[str], None] = field(default=lambda message: None)
    #: set by the main window: the page object for a key (created on first use), or None
    page: Callable[[str], Any] = field(default=lambda key: None)

    #: set by the main window: an operation changed data (pages shown later read it again)
    changed: Callable[[str], None] = field(default=lambda operation: None)

    def run(self, operation: str, fn: Callable[[Session], Any],
            failed: Callable[[str], None] | None = None) -> Any:
        """One user action, the one way the window runs it (docs/roles-and-duties.md): refused with
        the reason when the account may not run `operation`; `fn` in one transaction (committed, or
        rolled back on any error); expected trouble (DomainError) shown to the clerk — by `failed`
        (e.g. a dialog that keeps the typing) or as a message — and None returned; the pages told
        what changed. Anything else reaches the crash handler."""
        from forms.choices import phrase
        from forms.common import refusal_text
        from models.errors import DomainError

        why = refusal_text(self.actor, operation)
        if why:
            (failed or self.show_error)(why)
            return None
        try:
            with self.session() as session:
                result = fn(session)
        except DomainError as exc:
            (failed or self.show_error)(phrase(str(exc)))  # a known sentence in the interface's language
            return None
        self.changed(operation)
        return True if result is None else result

    def commit(self, operation: str, fn: Callable[[Session], Any]) -> Any:
        """The same for a dialog that keeps the typing (forms.letters.SavingDialog): the refusal or
        any DomainError raised to the dialog, which shows it on its field and stays open."""
        from forms.common import refusal_text
        from models.errors import PermissionDenied

        why = refusal_text(self.actor, operation)
        if why:
            raise PermissionDenied(why)
        with self.session() as session:
            result = fn(session)
        self.changed(operation)
        return result

    def ask(self, parent: Any, operation: str, title: str, asks: list[Any],
            save: Callable[[Session, Any], Any], confirm: Callable[[Any], bool] | None = None,
            done: Callable[[Any], Any] | None = None) -> Any:
        """Answers asked in a form (forms.letters.PromptDialog; one Ask alone: a ReasonDialog, its
        answer the text) whose 确定 runs `save(session, answers)` through `commit`: refused, the
        dialog stays with everything typed; Esc after typing asks. An account without the duty is
        told before typing anything (None returned). `done(result)` follows a save (e.g. a reload).
        The dialog is returned, closed: `result()` says whether it was saved, `saved` what `save`
        returned."""
        from forms.common import refusal_text
        from forms.letters import PromptDialog, ReasonDialog

        why = refusal_text(self.actor, operation)
        if why:
            self.show_error(why)
            return None

        def run(answers: Any) -> Any:
            result = self.commit(operation, lambda session: save(session, answers))
            if done is not None:
                done(result)
            return result

        if len(asks) == 1:
            one = asks[0]
            dialog: PromptDialog = ReasonDialog(parent, title, one.label, one.field, run, one.multiline, confirm)
        else:
            dialog = PromptDialog(parent, title, asks, run, confirm)
        parent.prompt_dialog = dialog  # kept while open (and for tests)
        dialog.exec()
        return dialog

    @contextmanager
    def session(self) -> Iterator[Session]:
        """One session per user action: commit on success, roll back on any error."""
        with self.db.transaction() as session:
            yield session

    def read(self, fn: Callable[[Session], Any]) -> Any:
        """`fn` in a session for reading only: outside a transaction on PostgreSQL, retried once
        on a new connection when the connection dropped (models/db.py, docs/network.md)."""
        return self.db.read(fn)

    def report_import(self, result: Any) -> None:
        """An import's outcome: the summary in the status bar, or the summary and the first bad
        rows (row, column, reason) as a message."""
        if result.errors:
            self.show_error("\n".join([result.summary()] + [str(e) for e in result.errors[:30]]))
        else:
            from forms.choices import phrase

            self.status(phrase(result.summary()))
