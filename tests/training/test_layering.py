"""Build-time code depends on the package, never the other way round."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "chronik"
BUILD_TIME = ("training", "benchmarks")


def imported_roots(path: Path) -> set[str]:
    """The first component of every module a file imports, at module level or inside functions."""
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


def test_imported_roots_sees_imports_inside_functions(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("import os\n\ndef f():\n    from training.ner_fast import split\n")
    assert imported_roots(module) == {"os", "training"}


def test_the_package_never_imports_training_or_benchmarks() -> None:
    offenders = {
        str(path.relative_to(PACKAGE)): sorted(imported_roots(path) & set(BUILD_TIME))
        for path in sorted(PACKAGE.rglob("*.py"))
    }
    assert {name: roots for name, roots in offenders.items() if roots} == {}
    assert len(offenders) > 50  # the walk did find the package
