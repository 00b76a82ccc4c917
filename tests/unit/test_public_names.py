"""Modules use one another through public names only: a `_name` is free to change with its
own module, so no other module of the site's code may import or reach for it."""

from __future__ import annotations

import ast

import pytest

from support import ROOT

pytestmark = pytest.mark.unit

FIRST_PARTY = ("checks", "tools", "clinic")
FOLDERS = ("checks", "tools", "plugins", "bench")


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(tree: ast.Module) -> list[str]:
    """`from x import _y` and `x._y`, where x is one of the site's own modules."""
    found, modules = [], set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith(FIRST_PARTY):
            for alias in node.names:
                if _private(alias.name):
                    found.append((node.lineno, f"from {node.module} import {alias.name}"))
                modules.add(alias.asname or alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith(FIRST_PARTY):
                    modules.add(alias.asname or alias.name.split(".")[0])
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Attribute)
            and _private(node.attr)
            and isinstance(node.value, ast.Name)
            and node.value.id in modules
        ):
            found.append((node.lineno, f"{node.value.id}.{node.attr}"))
    return [f"line {line}: {use}" for line, use in sorted(found)]


SOURCES = sorted(path for folder in FOLDERS for path in (ROOT / folder).rglob("*.py"))


@pytest.mark.parametrize("path", SOURCES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_module_uses_another_modules_private_names(path):
    assert private_uses(ast.parse(path.read_text(encoding="utf-8"))) == []


def test_private_uses_are_found():
    tree = ast.parse(
        "from checks.gate import _Site, Budget\nfrom checks import hostile\n"
        "import tools.report\nhostile._short('x')\ntools._x\nos._exit(0)\n"
    )
    assert private_uses(tree) == [
        "line 1: from checks.gate import _Site",
        "line 4: hostile._short",
        "line 5: tools._x",
    ]


def test_the_gates_public_names_are_all_there():
    from checks import gate

    assert all(hasattr(gate, name) and not _private(name) for name in gate.__all__)
