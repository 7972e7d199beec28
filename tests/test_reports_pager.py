"""`report --pager`: colour reaches `less` only when it will show it, else plain text."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from rich.text import Text

from reports.pager import page, pager_command


@pytest.mark.parametrize(("env", "colour", "less"), [
    ({}, True, "FRX"),  # LESS unset: given FRX, as git does
    ({"LESS": "-R"}, True, "-R"),
    ({"LESS": "-S"}, False, "-S"),  # a LESS without R would show escapes as text
    ({"PAGER": "less -R", "LESS": "-S"}, True, "-S"),
    ({"PAGER": "more"}, False, None),  # not less: plain
])
def test_colour_only_where_the_pager_shows_it(env: dict[str, str], colour: bool,
                                              less: str | None) -> None:
    argv, shown, child = pager_command(env)
    assert shown is colour and child.get("LESS") == less
    assert argv[0] == (env.get("PAGER") or "less").split()[0]


def _fake_less(tmp_path: Path) -> Path:
    """A 'less' that copies what it is given to a file."""
    script = tmp_path / "bin" / "less"
    script.parent.mkdir()
    script.write_text(f"#!{sys.executable}\nimport sys, pathlib\n"
                      f"pathlib.Path({str(tmp_path / 'paged.txt')!r}).write_bytes("
                      "sys.stdin.buffer.read())\n", encoding="utf-8")
    script.chmod(0o755)
    return script


@pytest.mark.parametrize(("less", "escapes"), [(None, True), ("-S", False)])
def test_parts_reach_the_pager_styled_or_plain(tmp_path: Path, less: str | None,
                                               escapes: bool) -> None:
    script = _fake_less(tmp_path)
    env = {"PATH": f"{script.parent}{os.pathsep}{os.environ['PATH']}", "PAGER": str(script)}
    if less is not None:
        env["LESS"] = less
    parts = [Text("HIGH", style="severity.high"), Text("second part")]
    assert page(parts, 80, env)
    paged = (tmp_path / "paged.txt").read_text("utf-8")
    assert ("\x1b[" in paged) is escapes
    assert "HIGH" in paged and "second part" in paged


def test_no_pager_installed_says_so(tmp_path: Path) -> None:
    assert not page([Text("x")], 80, {"PAGER": str(tmp_path / "nowhere"), "PATH": ""})
