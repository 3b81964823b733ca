"""Imports point one way: core ← search ← directory ← consultations, campaigns ← portal.

Read from the source with `ast`, imports inside functions included (hiding an import
in a function to dodge a cycle is still an import). No database: the shape of the
code is the subject. See ../shared/DESIGN.md, "The apps", and issue 12.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
APPS = ("core", "search", "directory", "consultations", "campaigns", "portal")
#: What each app may not import (everything above it in the layering).
FORBIDDEN = {
    "core": {"search", "directory", "consultations", "campaigns", "portal"},
    "search": {"directory", "consultations", "campaigns", "portal"},
    "directory": {"consultations", "campaigns", "portal"},
    "consultations": {"campaigns", "portal"},
    "campaigns": {"portal"},
}
PAGE_MODEL_PACKAGES = ("directory/models", "consultations/models", "campaigns/models", "portal/models")


def source_files(folder):
    for path in sorted((ROOT / folder).rglob("*.py")):
        if "migrations" not in path.parts:
            yield path


def imported_modules(path, root=ROOT):
    """(line, module) of every import in the file, relative ones made absolute."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = ".".join(path.relative_to(root).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.extend((node.lineno, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.append((node.lineno, module))
            found.extend((node.lineno, f"{module}.{alias.name}") for alias in node.names)
    return found


def test_the_reader_sees_imports_inside_functions_and_relative_ones(tmp_path):
    """The checks below can fail: a hidden import is seen."""
    (tmp_path / "search").mkdir()
    sample = tmp_path / "search" / "sample.py"
    sample.write_text("def f():\n    from directory import models\n\nfrom . import query\n", encoding="utf-8")
    modules = [module for _line, module in imported_modules(sample, root=tmp_path)]
    assert "directory" in modules and "search.query" in modules


@pytest.mark.parametrize("app", sorted(FORBIDDEN))
def test_an_app_imports_nothing_above_it(app):
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in source_files(app)
        for line, module in imported_modules(path)
        if module.split(".")[0] in FORBIDDEN[app]
    ]
    assert wrong == []


@pytest.mark.parametrize("package", PAGE_MODEL_PACKAGES)
def test_page_models_do_not_import_views(package):
    """A page's views register themselves (core.page_views); models never import them."""
    wrong = [
        f"{path.relative_to(ROOT)}:{line} imports {module}"
        for path in source_files(package)
        for line, module in imported_modules(path)
        if any(part == "views" or part.endswith("_views") or part.startswith("views_") for part in module.split("."))
        and module.split(".")[0] in APPS[1:]  # core.page_views is where views register
    ]
    assert wrong == []
