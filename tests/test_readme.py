"""The README cannot drift: its session is a real run, and its Python example runs."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import readme_session  # noqa: E402

SHARED = ROOT.parent / "shared"
needs_seeds = pytest.mark.skipif(not (SHARED / "seeds").is_dir(),
                                 reason="the seeds are not in ../shared/seeds")


def _readme() -> str:
    return (ROOT / "README.md").read_text(encoding="utf-8")


@needs_seeds
def test_the_session_is_what_a_run_prints() -> None:
    now = _readme()
    fresh = readme_session.render(now)
    assert fresh == now, "README.md's session differs from a run: run tools/readme_session.py"


def test_the_session_block_has_commands() -> None:
    _, commands, _ = readme_session.split(_readme())
    assert commands[0].startswith("crosscheck --db desk.db ingest ")
    assert any(" report" in c for c in commands)


@needs_seeds
def test_the_python_example_runs(tmp_path: Path) -> None:
    """The library example, run from a folder beside ../shared as from a clone; it prints one
    line per conflict, the same conflicts the CLI finds."""
    code = re.search(r"## Using it as a library.*?```python\n(.*?)```", _readme(), re.S)
    assert code is not None
    (tmp_path / "shared").symlink_to(SHARED.resolve())
    (tmp_path / "project").mkdir()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-c", code.group(1)], cwd=tmp_path / "project",
                          env=env, capture_output=True, text=True, check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines and all(line.split()[0] in ("high", "medium", "low") for line in lines)
    from claims.store import open_store

    with open_store(str(tmp_path / "project" / "desk.db")) as store:
        assert len(store.list_conflicts()) == len(lines)
