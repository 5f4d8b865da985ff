"""The floors of the README's Development section: models and reports never import Qt; arrows point down."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_import_contracts_hold():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run([str(lint)], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert " kept, 0 broken." in result.stdout
    assert "Table modules never import services KEPT" in result.stdout


def test_code_cites_the_repository_only():
    """Comments and docstrings cite docs/ in the repository, never the documents a developer was
    handed outside it (the names listed below): a maintainer has only the repository."""
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    outside = ("domain.md", "contract.md", "architecture.md", "../shared", "shared/seeds")
    found = [f"{path.relative_to(root)}:{n}" for folder in ("models", "reports", "forms", "desktop", "bench",
                                                             "tools", "tests")
             for path in (root / folder).rglob("*.py")
             for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if any(word in line for word in outside) and "outside = (" not in line]
    assert found == []
    cited = {word for path in root.rglob("*.py") if ".venv" not in path.parts
             for word in __import__("re").findall(r"docs/([\w-]+\.md)", path.read_text(encoding="utf-8"))}
    missing = sorted(name for name in cited if not (root / "docs" / name).exists())
    assert missing == [], f"cited but not written: {missing}"
