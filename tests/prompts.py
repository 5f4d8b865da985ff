"""Scripting the forms that ask a reason or a few answers (forms.letters.PromptDialog / ReasonDialog):
the first answers are taken and refused, Esc is pressed and 'no' said, then the good answers taken."""

from __future__ import annotations

from typing import Any


def fill(dialog: Any, answers: list[str]) -> None:
    from PySide6.QtWidgets import QComboBox, QPlainTextEdit

    for box, text in zip(dialog.inputs, answers, strict=True):
        if isinstance(box, QComboBox):
            box.setCurrentText(text) if box.isEditable() else box.setCurrentIndex(box.findText(text))
        elif isinstance(box, QPlainTextEdit):
            box.setPlainText(text)
        else:
            box.setText(text)


def script(monkeypatch, confirmations, refused: list[str], good: list[str]) -> dict:
    """Patches PromptDialog.exec; returns what was seen: whether the refused form stayed `open`
    with the typing `kept` and the cursor in it (`focus`: the focused field's index), the refusal
    `shown`, whether Esc `asked` and the form stayed (`stayed`) with the text (`still`)."""
    from PySide6.QtWidgets import QDialog

    from forms import dialogs
    from forms.letters import PromptDialog

    seen: dict = {"shown": []}
    monkeypatch.setattr(dialogs, "message", lambda parent, kind, title, text, detail="": seen["shown"].append(text))

    def run(dialog: PromptDialog) -> int:
        dialog.show()
        fill(dialog, refused)
        dialog.accept()  # refused
        seen["open"], seen["kept"] = dialog.isVisible(), dialog.answers()
        focused = dialog.focusWidget()
        seen["focus"] = dialog.inputs.index(focused) if focused in dialog.inputs else None
        before = len(confirmations)
        confirmations.answer = False
        dialog.reject()  # Esc after typing
        seen["asked"] = [title for title, _text in confirmations[before:]]
        seen["stayed"], seen["still"] = dialog.isVisible(), dialog.answers()
        confirmations.answer = True
        fill(dialog, good)
        dialog.accept()
        seen["closed"] = not dialog.isVisible()
        return int(dialog.result() or QDialog.DialogCode.Rejected)

    monkeypatch.setattr(PromptDialog, "exec", run)
    return seen


def refused_once(monkeypatch, module: Any, name: str, message: str = "该记录刚由其他办事员修改，请刷新后再试") -> None:
    """`module.name` refuses its first call (another clerk got there first), then does its work."""
    from models.errors import DomainError

    real = getattr(module, name)
    calls: list[int] = []

    def once(*args, **kwargs):
        calls.append(1)
        if len(calls) == 1:
            raise DomainError(message)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, once)
