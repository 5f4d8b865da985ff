"""Every sentence the services and the importers raise is shown in English in English mode (issue 29,
point 7): models/ cannot import Qt, so the window matches a service's text against the templates of
forms.choices.PHRASES (forms/service_phrases.py) and shows their English with the values — names,
dates, numbers — as they are.

The sentences are collected from the sources, not listed by hand: every string or f-string that is
the first argument of a `raise …(…)`, the reason of a `FieldError(field, reason)` or of a
`RowError(row, column, value, reason)` in models/ and reports/ and has a Chinese character. Each
f-string's values become sample values (V1, V2 …); the sentence built so must be translated, with no
Chinese left outside quotes, and shown unchanged in Chinese mode. A new sentence without its
template fails here: add it to forms/service_phrases.py, run tools/update-translations.sh and write
its English."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
#: a value quoted in an English sentence (a name, or Chinese input a clerk types: “是”, “户主:…”), an
#: example of input after “e.g.”, an address
QUOTED = re.compile(r"“[^”]*”|\S*://\S*|e\.g\. [^;)]*")

#: sentences deliberately left Chinese, each with the reason (matched against the sample sentence)
ALLOWED: dict[str, str] = {
}


def _alternatives(node: ast.expr) -> list[str] | None:
    """The sample sentences a string, an f-string or a conditional of them gives (None: not literal)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Constant) and node.value is None:  # `… if problem else None`
        return []
    if isinstance(node, ast.JoinedStr):
        out, n = [], 0
        for part in node.values:
            if isinstance(part, ast.Constant):
                out.append(str(part.value))
            else:
                n += 1
                out.append(f"V{n}")
        return ["".join(out)]
    if isinstance(node, ast.IfExp):
        body, orelse = _alternatives(node.body), _alternatives(node.orelse)
        return body + orelse if body is not None and orelse is not None else None
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):  # "…：" + first_ten(x) + "。…"
        left, right = _alternatives(node.left), _alternatives(node.right)
        if left is None and right is None:
            return None
        return [a + b for a in left or ["V9"] for b in right or ["V9"]]
    return None


def _callee(call: ast.Call) -> str:
    f = call.func
    return f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else ""


def _sources() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted([*(ROOT / "models").rglob("*.py"), *(ROOT / "reports").rglob("*.py")])}


def _resolve(node: ast.expr, names: dict[str, list[ast.expr]], functions: dict[str, list[ast.expr]]) -> list[ast.expr]:
    """A message given by name: a variable of the function or a constant of the module
    (reason = "…", BAD_LOGIN = "…", an entry of a table of sentences), or what a helper of models/
    or reports/ returns (conflict_message(…), past_date_error(…)) — their literals are the sentences."""
    if isinstance(node, ast.Name) and node.id in names:
        given = names[node.id]
    elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in names:
        given = names[node.value.id]
    elif isinstance(node, ast.Call) and _callee(node) in functions:
        return _returned(_callee(node), functions)
    else:
        return [node]
    # a variable given by a helper (reason = phone_error(phone)): the helper's sentences
    return [g for v in given for g in (_returned(_callee(v), functions) if isinstance(v, ast.Call) else [v])]


def _returned(name: str, functions: dict[str, list[ast.expr]], seen: frozenset[str] = frozenset()) -> list[ast.expr]:
    """The sentences a helper returns, through the helpers it returns the answer of
    (text_error → too_long, text_problem)."""
    out: list[ast.expr] = []
    for r in functions.get(name, []):
        if isinstance(r, ast.Call):
            if _callee(r) not in seen:
                out += _returned(_callee(r), functions, seen | {name})
        else:
            out.append(r)
    return out


def _assigned(scope: ast.AST, top_only: bool = False) -> dict[str, list[ast.expr]]:
    """The literal values (a table's entries too), and the helper calls, given to each name in a scope."""
    out: dict[str, list[ast.expr]] = {}
    nodes = scope.body if top_only and isinstance(scope, ast.Module) else ast.walk(scope)
    for n in nodes:
        targets = (n.targets if isinstance(n, ast.Assign) else [n.target]
                   if isinstance(n, ast.AnnAssign | ast.NamedExpr) else [])
        value = getattr(n, "value", None)
        values = [v for v in value.values if v is not None] if isinstance(value, ast.Dict) else [value]
        for t in targets:
            if isinstance(t, ast.Tuple) and isinstance(value, ast.Call):  # layout, why = _layout(…)
                for e in t.elts:
                    if isinstance(e, ast.Name):
                        out.setdefault(e.id, []).append(value)
            elif isinstance(t, ast.Name):
                out.setdefault(t.id, []).extend(v for v in values if v is not None
                                                and (_alternatives(v) or isinstance(v, ast.Call)))
    return {k: v for k, v in out.items() if v}


def service_sentences() -> dict[str, str]:
    """{sample sentence: where it is raised} for every literal message in models/ and reports/."""
    found: dict[str, str] = {}
    sources = _sources()
    functions: dict[str, list[ast.expr]] = {}
    for tree in sources.values():
        for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            returns = [r.value for r in ast.walk(fn) if isinstance(r, ast.Return) and r.value is not None]
            # (None, why): the sentence beside an answer
            returns += [e for r in returns if isinstance(r, ast.Tuple) for e in r.elts]
            functions.setdefault(fn.name, []).extend(
                r for r in returns if _alternatives(r) or isinstance(r, ast.Call))
    functions = {name: returns for name, returns in functions.items() if returns}
    for path, tree in sources.items():
        constants = _assigned(tree, top_only=True)
        scope: dict[int, dict[str, list[ast.expr]]] = {}  # a node's innermost function: its names
        for fn in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            names = {**constants, **_assigned(fn)}
            scope.update((id(n), names) for n in ast.walk(fn))
        for node in ast.walk(tree):
            message = None
            if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
                message = node.exc.args[0]
            elif isinstance(node, ast.Call) and _callee(node) == "FieldError":
                message = node.args[1] if len(node.args) > 1 else next(
                    (k.value for k in node.keywords if k.arg == "reason"), None)
            elif isinstance(node, ast.Call) and _callee(node) in ("RowError", "SeenRowError") and len(node.args) > 3:
                message = node.args[3]
            for given in _resolve(message, scope.get(id(node), constants), functions) if message is not None else []:
                for text in _alternatives(given) or []:
                    if CJK.search(text):
                        found.setdefault(text, f"{path.relative_to(ROOT)}:{node.lineno}")
    return found


def test_the_collector_finds_the_services_sentences():
    """The collector sees the kinds of sites it is meant to: a refusal, a field's reason, an f-string's
    values, an import row's reason."""
    found = service_sentences()
    assert len(found) > 400
    assert "必填" in found  # FieldError("…", "必填")
    assert "“V1”的党籍已终止，不能转接" in found  # raise DomainError(f"“{member.name}”的党籍已终止，不能转接")
    assert "上级党组织已撤销，本组织也应为已撤销" in found  # RowError(…, "上级党组织已撤销，本组织也应为已撤销")


def test_every_service_sentence_is_shown_in_english(qtbot):
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator
    from forms.choices import phrase

    found = service_sentences()
    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        shown = {text: phrase(text) for text in found}
    finally:
        for tr in translators:
            app.removeTranslator(tr)
    untranslated = sorted(f"{where}: {text} → {shown[text]}" for text, where in found.items()
                          if text not in ALLOWED and (shown[text] == text or CJK.search(QUOTED.sub(" ", shown[text]))))
    assert not untranslated, f"{len(untranslated)} of {len(found)} sentences not in English:\n" + "\n".join(untranslated)
    # the values are kept as they are
    for text in found:
        for value in re.findall(r"V\d+", text):
            assert value in shown[text], (text, shown[text])
    # Chinese mode: the service's sentence as it is
    assert all(phrase(text) == text for text in found)


def test_a_refusal_keeps_its_names_and_an_enumeration_value_is_translated(qtbot):
    """A service's sentence in English: the name quoted is data, a status label among the values
    is in the interface's language."""
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator
    from forms.choices import phrase

    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        assert phrase("“张三”的党籍已终止，不能转接") == "“张三”'s membership has ended; no transfer possible"
        assert phrase("问题状态不能从“待整改”改为“已销号”") == "The problem cannot go from “To rectify” to “Closed”"
        # a conflict: the state it names is a sentence too
        from models.services.common import conflict_message

        assert phrase(conflict_message("党员“张三”", 2, 3, ["姓名"])) == (
            "党员“张三” was changed by another clerk (you opened version 2; now it is version 3, changed: 姓名): "
            "open it again, then save.")
        # a table cell is a record's own words unless it is one of PHRASES: a text that reads like
        # a service's message stays as it is there
        from forms.choices import shown

        assert phrase("报告已由王五确认") == "报告 was confirmed by 王五"
        assert shown("报告已由王五确认") == "报告已由王五确认"
        assert shown("12天后到期") == "due in 12 days"
        # a value that is itself one of the program's words: translated too
        assert phrase("第3个字符是换行，请删去后再保存") == "character 3 is a line break: delete it, then save"
        # several field reasons joined by “；”: each field and reason
        assert phrase("终止日期：早于加入党组织日期；终止原因：必填") == \
            "End date: earlier than the date of joining; Reason for ending: Required"
    finally:
        for tr in translators:
            app.removeTranslator(tr)


def test_an_imports_summary_and_its_bad_rows_in_english(qtbot):
    """What the import wizard shows after a check: the summary, the notes under it and each bad row
    (row, column, value, reason) in English, the values as they are."""
    from PySide6.QtWidgets import QApplication

    from desktop.app import install_translator
    from forms.choices import phrase
    from reports.imports import ImportResult
    from reports.xlsx import RowError

    bad = RowError(3, "入党日期", "2030-01-01", "不能晚于今天")
    result = ImportResult("党员名册", rows=5, errors=[bad], dry_run=True, hidden=["Sheet2"],
                          notes=["名册没有转正信息，入党不满2年的2人须填写转正日期或注明预备党员：第4、5行"])
    app = QApplication.instance()
    translators = install_translator(app, "en")
    try:
        summary = phrase(result.summary())
        row = phrase(str(bad))
    finally:
        for tr in translators:
            app.removeTranslator(tr)
    first, note = summary.splitlines()
    assert first == "5 rows checked: 4 fine, 1 with errors (trial run, nothing written)"
    assert note.endswith("rows 4、5; Hidden sheets not imported: Sheet2 (unhide them in Excel to import them)")
    assert not CJK.search(row.replace("入党日期", "")), row
    assert row.startswith("Row 3 ") and row.endswith("“2030-01-01”: cannot be later than today")


def test_a_refusal_shown_in_any_message_box_is_in_english(qtbot, monkeypatch):
    """A form that shows the service's refusal itself (forms.letters.PromptDialog, the org and
    member forms) goes through forms.dialogs.message: the clerk reads it in English too."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    from desktop.app import install_translator
    from forms import dialogs

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text()) or 0)
    app = QApplication.instance()
    dialogs.message(None, "warning", "t", "任职日期：必填")
    translators = install_translator(app, "en")
    try:
        dialogs.message(None, "warning", "t", "任职日期：必填")
        dialogs.message(None, "warning", "t", "Took office: Required")
    finally:
        for tr in translators:
            app.removeTranslator(tr)
    assert shown == ["任职日期：必填", "Took office: Required", "Took office: Required"]
