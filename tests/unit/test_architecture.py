"""The dependency rule, checked on every test run: arrows point inward (api -> projections |
adapters -> encryption -> domain), and the domain knows nothing of SQL, HTTP, pydantic or file
formats."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OURS = {"domain", "encryption", "adapters", "projections", "api", "examples"}
ALLOWED = {
    "domain": {"domain"},
    "encryption": {"encryption"},
    "adapters": {"adapters", "encryption", "domain"},
    "projections": {"projections", "encryption", "domain"},
    "api": {"api", "adapters", "projections", "encryption", "domain", "examples"},
}
DOMAIN_THIRD_PARTY = {"eventsourcing"}


def imported_top_levels(path: Path) -> set[str]:
    tree = ast.parse(path.read_text("utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_each_layer_imports_only_the_layers_beneath_it(package: str) -> None:
    offending = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / package).rglob("*.py")
        for name in imported_top_levels(path) & OURS
        if name not in ALLOWED[package]
    }

    assert not offending


def test_the_domain_imports_only_the_standard_library_and_eventsourcing() -> None:
    stdlib = set(sys.stdlib_module_names) | {"__future__"}

    foreign = {
        f"{path.relative_to(ROOT)} imports {name}"
        for path in (ROOT / "domain").rglob("*.py")
        for name in imported_top_levels(path)
        if name not in stdlib | DOMAIN_THIRD_PARTY | {"domain"}
    }

    assert not foreign
