"""The layout's boundaries are checked by a tool (pyproject ``[tool.importlinter]``).

The contracts pass on the tree as it is, and they fail as soon as a domain module
imports Textual: a copy of the package with one such import is refused.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(tree))  # the copy's ``tui`` before the installed one
    return subprocess.run(
        [str(LINT), "--config", str(tree / "pyproject.toml"), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def _copy(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "tui", tree / "tui", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_the_contracts_hold_on_the_tree(tmp_path):
    result = _lint(_copy(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_a_domain_module_importing_textual_breaks_the_contract(tmp_path):
    tree = _copy(tmp_path)
    models = tree / "tui" / "domain" / "models.py"
    models.write_text(models.read_text() + "\nimport textual  # a domain module must not do this\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "Only tui.ui imports Textual BROKEN" in result.stdout
    assert "tui.domain.models -> textual" in result.stdout


def test_a_store_module_importing_the_ui_breaks_the_contract(tmp_path):
    tree = _copy(tmp_path)
    repo = tree / "tui" / "store" / "repository.py"
    repo.write_text(repo.read_text() + "\nimport tui.ui.app  # the store must not know the UI\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "never import the UI BROKEN" in result.stdout
