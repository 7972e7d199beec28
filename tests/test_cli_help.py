"""Every command explains itself and is documented in the README."""

from __future__ import annotations

import re

import pytest
from typer.main import get_command
from typer.testing import CliRunner

from tests.conftest import ROOT
from verify.cli import app

runner = CliRunner()


def command_paths() -> list[list[str]]:
    """Every command and subcommand, as argument lists."""
    root = get_command(app)
    paths: list[list[str]] = []

    def walk(cmd: object, prefix: list[str]) -> None:
        for name, sub in getattr(cmd, "commands", {}).items():
            paths.append([*prefix, name])
            walk(sub, [*prefix, name])

    walk(root, [])
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_help(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert result.stdout.startswith("Usage: crosscheck " + " ".join(path))
    summary = result.stdout.split("\n\n")[1].strip()
    assert len(summary) > 20, f"{path}: help has no summary"


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_is_in_the_readme(path: list[str]) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(r"crosscheck " + r"\s+".join(map(re.escape, path)) + r"\b", readme), path


def test_version_and_no_arguments() -> None:
    assert runner.invoke(app, ["--version"]).stdout.startswith("crosscheck ")
    result = runner.invoke(app, [])
    assert result.exit_code == 0 and "Commands" in result.stdout


def test_help_loads_neither_the_model_nor_the_store() -> None:
    """`crosscheck --help` stays fast: pydantic, SQLAlchemy and pandas load only for work."""
    import subprocess
    import sys

    heavy = "('claims.model', 'sqlalchemy', 'pandas')"
    code = f"import sys, verify.cli; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_cli_verdicts_are_the_models() -> None:
    from claims.model import Verdict
    from verify.cli.review_cmd import VerdictOpt

    assert [v.value for v in VerdictOpt] == [v.value for v in Verdict]


@pytest.mark.parametrize("path", command_paths(), ids=" ".join)
def test_every_command_has_an_example_that_parses(path: list[str]) -> None:
    """Each --help ends with an example; each example's arguments parse as that command's."""
    import shlex

    from verify.cli.examples import EXAMPLES

    result = runner.invoke(app, [*path, "--help"])
    examples = EXAMPLES[" ".join(path)]
    for example in examples:
        assert f"$ {example}" in result.stdout
        words = shlex.split(example.split(" > ")[0])
        assert words[0] == "crosscheck"
        words = words[1:]
        if words[0] == "--db":
            words = words[2:]
        command = get_command(app)
        for name in path:
            assert words[0] == name, example
            command = command.commands[name]  # type: ignore[attr-defined]
            words = words[1:]
        if not hasattr(command, "commands"):  # a leaf: its options and arguments, checked
            with command.make_context(" ".join(path), list(words)) as ctx:
                assert ctx.params is not None


def test_no_example_names_a_command_that_is_gone() -> None:
    from verify.cli.examples import EXAMPLES

    assert set(EXAMPLES) == {" ".join(p) for p in command_paths()}
