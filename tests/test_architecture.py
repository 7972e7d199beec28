"""The arrows point one way: claims <- sources <- verify <- reports, the CLI on top."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from tests.conftest import ROOT

PACKAGES = ("claims", "sources", "verify", "reports")
FORBIDDEN = {
    "claims": ("sources", "verify", "reports", "rich", "typer"),
    "sources": ("verify", "reports", "rich", "typer"),
    "verify": ("reports", "verify.cli", "rich", "typer"),
    "reports": ("verify.cli", "typer"),
}


def modules() -> list[tuple[str, Path]]:
    out = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            out.append((name.removesuffix(".__init__"), path))
    return out


def imports(path: Path) -> set[str]:
    """Every module imported anywhere in the file, lazy imports inside functions included."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


def is_under(module: str, prefix: str) -> bool:
    return module == prefix or module.startswith(prefix + ".")


@pytest.mark.parametrize(("name", "path"), modules(), ids=[m for m, _ in modules()])
def test_module_imports_only_downstream(name: str, path: Path) -> None:
    package = name.split(".")[0]
    if is_under(name, "verify.cli") or name == "verify.__main__":
        return  # the CLI is the leaf on top: it may import everything
    bad = sorted(m for m in imports(path) for f in FORBIDDEN[package] if is_under(m, f))
    assert bad == [], f"{name} imports {bad}"


def test_every_package_folder_is_in_the_distribution() -> None:
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = {
        ".".join(p.parent.relative_to(ROOT).parts)
        for pkg in PACKAGES
        for p in (ROOT / pkg).rglob("__init__.py")
    }
    assert found <= listed, f"missing from pyproject packages: {sorted(found - listed)}"
