#!/usr/bin/env bash
# Refresh resources/i18n/dangjian_en.ts from the sources (desktop/, forms/, the TITLE of every
# module in desktop/pages/, context "pages", and every enumeration label of forms/choices.py, "enums"), then compile dangjian_en.qm. Re-run after adding strings;
# translate the entries lupdate marks type="unfinished" (Qt Linguist or by hand), and re-run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${PYTHON:-}" ]; then PY=$PYTHON
elif [ -x .venv/bin/python ]; then PY=.venv/bin/python
else PY=/work/main/.venv/bin/python; fi
BIN=$(dirname "$PY")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# the page titles are plain strings in the page modules: list them for lupdate
QT_QPA_PLATFORM=offscreen "$PY" - "$tmp/page_titles.py" <<'PYEOF'
import importlib, pkgutil, sys
import desktop.pages
from desktop.pages import PAGE_MODULES
# the listed pages, then any other page module (one not yet listed in PAGE_MODULES)
names = PAGE_MODULES + sorted(f"desktop.pages.{m.name}" for m in pkgutil.iter_modules(desktop.pages.__path__)
                              if f"desktop.pages.{m.name}" not in PAGE_MODULES)
lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP", "TITLES = ["]
for name in names:
    title = getattr(importlib.import_module(name), "TITLE", None)
    if title is None:
        continue
    lines.append(f"    QT_TRANSLATE_NOOP({'pages'!r}, {title!r}),")
lines.append("]")
# the enumeration labels the interface shows (forms/choices.py), context "enums"
from forms.choices import all_labels
lines.append("ENUMS = [")
lines += [f"    QT_TRANSLATE_NOOP({'enums'!r}, {text!r})," for text in all_labels()]
lines.append("]")
# the fields the services' input checks name (FieldError("字段", …)), context "fields" (forms.choices.phrase)
import pathlib, re
fields = sorted({f for p in sorted(pathlib.Path("models").rglob("*.py"))
                 for f in re.findall(r'FieldError\(\s*"([^"{}]+)"', p.read_text(encoding="utf-8"))})
lines.append("FIELDS = [")
lines += [f"    QT_TRANSLATE_NOOP({'fields'!r}, {f!r})," for f in fields]
lines.append("]")
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(lines) + "\n")
PYEOF
files=$(find desktop forms -name '*.py' | sort)
"$BIN/pyside6-lupdate" $files "$tmp/page_titles.py" -no-obsolete -locations none -ts resources/i18n/dangjian_en.ts
"$BIN/pyside6-lrelease" resources/i18n/dangjian_en.ts -qm resources/i18n/dangjian_en.qm
echo "untranslated: $(grep -c 'type="unfinished"' resources/i18n/dangjian_en.ts || true)"
