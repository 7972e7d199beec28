"""`crosscheck review` driven by keys on standard input (and once in a real terminal, tmux),
and `crosscheck conflicts decide`."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.model import Claim, Conflict, ConflictType, Kind, Quantity, Source, Span
from claims.store import open_store
from verify.cli import app, conflicts_cmd, review_cmd

if "review" not in {c.name for c in app.registered_commands}:  # until verify/cli wires it
    review_cmd.register(app, conflicts_cmd.app)

runner = CliRunner()
TEXT = ("More than 400,000 people fled Idlib, the UN said. Others said more than half a million "
        "fled. In Hama, 30 civilians were killed; the SOHR said 45.\n")


def make_store(path: Path) -> tuple[list[Claim], list[Conflict]]:
    source = Source(id=Source.id_for(TEXT), path="wire.txt", outlet="Wire", text=TEXT)

    def at(quote: str, kind: Kind, low: int, place: str) -> Claim:
        start = TEXT.index(quote)
        return Claim(source_id=source.id, kind=kind, subject="people", place=place,
                     quantity=Quantity(low=low), span=Span.of(TEXT, start, start + len(quote)))

    claims = [at("More than 400,000 people", Kind.displaced, 400_000, "Idlib"),
              at("more than half a million", Kind.displaced, 500_000, "Idlib"),
              at("30 civilians", Kind.killed, 30, "Hama"), at("said 45", Kind.killed, 45, "Hama")]
    conflicts = [Conflict(type=ConflictType.figure, severity=sev, severity_label=label,
                          reason=reason, claim_ids=[c.id for c in pair], fingerprint="f",
                          key={"kind": pair[0].kind.value, "place": pair[0].place})
                 for sev, label, reason, pair in (
                     (0.9, "high", "400,000 against half a million", claims[:2]),
                     (0.5, "medium", "30 against 45", claims[2:]))]
    with open_store(str(path)) as store:
        store.save_source(source, claims)
        store.replace_conflicts(conflicts)
    return claims, conflicts


@pytest.fixture
def stocked(tmp_path: Path) -> tuple[Path, list[Claim], list[Conflict]]:
    db = tmp_path / "review.db"
    return (db, *make_store(db))


def review(db: Path, keys: str, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--db", str(db), "review", *args], input=keys)
    return result.exit_code, result.stdout


def decisions(db: Path) -> dict[str, tuple[str, str | None, str | None, str]]:
    with open_store(str(db)) as store:
        return {c.id: (c.decision.verdict.value, c.decision.claim_id, c.decision.note,
                       c.decision.reviewer)
                for c in store.list_conflicts() if c.decision}


def test_keys_decide_each_conflict_and_commit(stocked: tuple[Path, list[Claim],
                                                              list[Conflict]]) -> None:
    db, claims, conflicts = stocked
    code, out = review(db, "m\nUN figure is older\n1\nr\n")  # 1: the first the panel shows
    assert code == 0
    assert decisions(db) == {
        conflicts[0].id: ("resolved", claims[1].id, "UN figure is older", "tester"),
        conflicts[1].id: ("real", None, None, "tester")}
    assert "Conflict 1 of 2" in out and "Conflict 2 of 2" in out and "Decided 2" in out
    assert "400,000 against half a million" in out
    numbered = [line.split()[:3] for line in out.splitlines() if line.startswith("  1  ")
                or line.startswith("  2  ")][:2]  # the panel shows the highest figure first
    assert numbered == [["1", claims[1].id[:8], "500,000"], ["2", claims[0].id[:8], "400,000"]]
    panel = out[:out.index("Why:")]
    assert panel.index("half a million fled") < panel.index("More than 400,000 people fled")


def test_quit_keeps_what_was_decided_and_resume_starts_there(
    stocked: tuple[Path, list[Claim], list[Conflict]],
) -> None:
    db, _, conflicts = stocked
    code, out = review(db, "n\nq\n")
    assert code == 0 and decisions(db) == {
        conflicts[0].id: ("not-comparable", None, None, "tester")}
    code, out = review(db, "j\n")  # skip the second: it stays open
    assert "Conflict 1 of 1" in out and "30 against 45" in out
    code, out = review(db, "")  # end of input is a quit
    assert "30 against 45" in out and decisions(db).keys() == {conflicts[0].id}
    code, out = review(db, "q\n", "--all")  # resumed on the second, still the second
    assert "Conflict 2 of 2" in out


def test_skip_then_resume_where_it_stopped(stocked: tuple[Path, list[Claim],
                                                          list[Conflict]]) -> None:
    db, _, conflicts = stocked
    review(db, "j\nq\n")  # skipped the first, stopped on the second
    code, out = review(db, "q\n")  # the second is still the second of two, resumed first
    assert "Conflict 2 of 2" in out and "[2/2]" in out
    assert "30 against 45" in out and "400,000 against" not in out


def test_edit_show_help_from_keys(stocked: tuple[Path, list[Claim], list[Conflict]]) -> None:
    db, claims, _ = stocked
    code, out = review(db, "?\ns\n2\ne\n2\nlow=410000\ne\n1\nkind=nonsense\nq\n")
    assert code == 0
    assert "resolved in favour of claim N" in out  # the help
    assert "fled Idlib, the UN said" in out  # the source around the quote
    assert "edited" in out and "Error: kind" in out
    with open_store(str(db)) as store:
        assert store.get_claim(claims[0].id).low == 410_000
        assert store.get_claim(claims[1].id).kind is Kind.displaced
        assert [h.field for h in store.claim_history(claims[0].id)] == ["low"]


def test_kind_and_place_narrow_the_review(stocked: tuple[Path, list[Claim],
                                                         list[Conflict]]) -> None:
    db, _, conflicts = stocked
    code, out = review(db, "r\n", "--kind", "killed")
    assert decisions(db).keys() == {conflicts[1].id} and "Conflict 1 of 1" in out
    code, out = review(db, "", "--place", "Aleppo")
    assert code == 0 and "No conflict matches these filters." in out
    result = runner.invoke(app, ["--db", str(db), "review", "--kind", "eaten"])
    assert result.exit_code == 2 and "unknown kind 'eaten'" in result.stderr


def test_conflicts_decide_and_list_show_the_decision(
    stocked: tuple[Path, list[Claim], list[Conflict]],
) -> None:
    db, claims, conflicts = stocked
    result = runner.invoke(app, ["--db", str(db), "conflicts", "decide", conflicts[0].id[:6],
                                 "--verdict", "resolved", "--claim", claims[0].id[:6],
                                 "--note", "older figure", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    decision = json.loads(result.stdout)[0]["decision"]
    assert (decision["verdict"], decision["claim_id"], decision["note"], decision["reviewer"],
            decision["stale"]) == ("resolved", claims[0].id, "older figure", "tester", False)
    listed = runner.invoke(app, ["--db", str(db), "conflicts", "list", "--format", "json"])
    by_id = {c["id"]: c["decision"] for c in json.loads(listed.stdout)}
    assert by_id[conflicts[0].id]["verdict"] == "resolved" and by_id[conflicts[1].id] is None


@pytest.mark.parametrize("args, code, message", [
    (["xnothere", "--verdict", "real"], 2, "no conflict with id 'xnothere'"),
    (["{c}", "--verdict", "maybe"], 2, "'maybe' is not one of"),
    (["{c}", "--verdict", "resolved"], 2, "name the claim it favours"),
    (["{c}", "--verdict", "resolved", "--claim", "cdeadbeef"], 2, "not one of this conflict"),
    (["{c}", "--verdict", "real", "--claim", "{k}"], 2, "only a 'resolved' verdict"),
])
def test_conflicts_decide_refuses_bad_input(
    stocked: tuple[Path, list[Claim], list[Conflict]], args: list[str], code: int, message: str
) -> None:
    db, claims, conflicts = stocked
    args = [a.replace("{c}", conflicts[0].id).replace("{k}", claims[0].id) for a in args]
    result = runner.invoke(app, ["--db", str(db), "conflicts", "decide", *args])
    assert (result.exit_code, result.stdout) == (code, "")
    assert result.stderr.startswith("Error: ") and message in result.stderr
    assert result.stderr.count("\n") == 1 and decisions(db) == {}


LAUNCH = """
import sys
from verify.cli import app, conflicts_cmd, review_cmd
if "review" not in {c.name for c in app.registered_commands}:
    review_cmd.register(app, conflicts_cmd.app)
sys.argv = ["crosscheck", "review"]
app()
"""


TMUX = ["tmux"]  # made private to each test run below: its own server, its own socket


def _pane(name: str) -> str:
    return subprocess.run([*TMUX, "capture-pane", "-p", "-t", name], capture_output=True,
                          text=True, check=False).stdout


def _wait_for(name: str, text: str, timeout: float = 30.0, times: int = 1) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        screen = _pane(name)
        if screen.count(text) >= times:
            time.sleep(0.2)  # the prompt is printed just before the terminal goes raw
            return screen
        time.sleep(0.1)
    raise AssertionError(f"{text!r} never appeared; the screen was:\n{_pane(name)}")


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed "
                    "(apt-get install -y tmux) for the end-to-end terminal test")
def test_review_in_a_real_terminal(stocked: tuple[Path, list[Claim], list[Conflict]],
                                   tmp_path: Path) -> None:
    db, claims, conflicts = stocked
    script = tmp_path / "launch.py"
    script.write_text(LAUNCH, encoding="utf-8")
    name = f"crosscheck-review-{os.getpid()}"
    TMUX[1:] = ["-S", str(tmp_path / "tmux.sock")]  # no other tmux user can disturb this one
    env = f"CROSSCHECK_DB={db} CROSSCHECK_USER=tmux-tester TERM=xterm-256color"
    command = f"cd {Path(__file__).parent.parent} && env {env} {sys.executable} {script}; sleep 30"
    subprocess.run([*TMUX, "new-session", "-d", "-s", name, "-x", "110", "-y", "45", command],
                   check=True)
    try:
        # every key at once, typed ahead of the screen: none is lost or echoed out of turn
        _wait_for(name, "[1/2] r,n")
        subprocess.run([*TMUX, "send-keys", "-t", name, "j", "k", "1", "m", "checked by phone",
                        "Enter", "r"], check=True)
        screen = _wait_for(name, "Every decision is saved.")
        (tmp_path / "screen.txt").write_text(screen, encoding="utf-8")
        assert "Note: checked by phone" in screen and "unknown key" not in screen
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", name], check=False)
    assert decisions(db) == {
        conflicts[0].id: ("resolved", claims[1].id, None, "tmux-tester"),
        conflicts[1].id: ("real", None, "checked by phone", "tmux-tester")}


@pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")
def test_ctrl_c_in_a_review_gives_the_terminal_back(
        stocked: tuple[Path, list[Claim], list[Conflict]], tmp_path: Path) -> None:
    db, claims, conflicts = stocked
    script = tmp_path / "launch.py"
    script.write_text(LAUNCH, encoding="utf-8")
    name = f"crosscheck-ctrlc-{os.getpid()}"
    TMUX[1:] = ["-S", str(tmp_path / "tmux.sock")]
    env = f"CROSSCHECK_DB={db} CROSSCHECK_USER=tmux-tester TERM=xterm-256color"
    stty = tmp_path / "stty.txt"
    command = (f"cd {Path(__file__).parent.parent} && env {env} {sys.executable} {script}; "
               f"echo exit=$?; stty -a > {stty}; sleep 30")
    subprocess.run([*TMUX, "new-session", "-d", "-s", name, "-x", "110", "-y", "45", command],
                   check=True)
    try:
        _wait_for(name, "[1/2] r,n")
        subprocess.run([*TMUX, "send-keys", "-t", name, "2"], check=True)
        _wait_for(name, "[2/2] r,n")  # Ctrl-C interrupts at once: keys before it are read
        subprocess.run([*TMUX, "send-keys", "-t", name, "C-c"], check=True)
        screen = _wait_for(name, "exit=")
        deadline = time.monotonic() + 10
        while not stty.is_file() or not stty.read_text():
            assert time.monotonic() < deadline, "stty never ran"
            time.sleep(0.1)
    finally:
        subprocess.run([*TMUX, "kill-session", "-t", name], check=False)
    assert "exit=130" in screen and "interrupted" in screen
    modes = stty.read_text().split()
    assert "icanon" in modes and "echo" in modes  # cooked again, not left in cbreak
    assert decisions(db) == {conflicts[0].id: ("resolved", claims[0].id, None, "tmux-tester")}


def test_an_edit_made_in_the_review_before_deciding_is_seen(tmp_path: Path,
                                                            seed_paths: list[Path]) -> None:
    """Edit a claim inside review, then decide: the next check keeps the verdict fresh; an
    edit after the verdict still makes it stale."""
    from tests.conftest import SEEDS
    from verify.check import cross_check
    from verify.ingest import ingest

    db = tmp_path / "seeds.db"
    with open_store(str(db)) as store:
        ingest(store, seed_paths, SEEDS / "manifest.csv")
        cross_check(store)
        before = {c.id for c in store.list_conflicts() if c.key.get("kind") == "displaced"}
    code, out = review(db, "e\n2\nlow=410000\n1\n", "--kind", "displaced")
    assert code == 0 and "edited" in out and "saved: resolved" in out
    with open_store(str(db)) as store:
        cross_check(store)
        [conflict] = [c for c in store.list_conflicts() if c.id in before]
        assert conflict.decision is not None and not conflict.decision.stale
        edited = next(c for c in conflict.claim_ids if c != conflict.decision.claim_id)
        store.edit_claim(edited, {"low": 300_000}, who="someone")
        cross_check(store)
        [again] = [c for c in store.list_conflicts() if c.id == conflict.id]
        assert again.decision is not None and again.decision.stale


def test_ceasefire_lines_show_their_dates() -> None:
    from io import StringIO

    from rich.console import Console

    from claims.model import Event
    from reports.console import THEME

    text = "Russia announced a ceasefire on Friday; it starts at 6am on Saturday."
    src = Source(id=Source.id_for(text), path="cf.txt", outlet="Wire", text=text)
    first = Claim(source_id=src.id, kind=Kind.ceasefire, event=Event.announced,
                  date="2019-08-30", span=Span.of(text, 7, 36))
    second = Claim(source_id=src.id, kind=Kind.ceasefire, event=Event.starts,
                   date="2019-08-31/2019-09-01", span=Span.of(text, 41, 67))
    conflict = Conflict(type=ConflictType.date, severity=0.4, severity_label="medium",
                        reason="dates apart", claim_ids=[first.id, second.id],
                        key={"kind": "ceasefire"})
    view = review_cmd.conflict_view(conflict, {c.id: c for c in (first, second)}, {src.id: src},
                                    "Conflict 1 of 1", [first.id, second.id])
    console = Console(file=StringIO(), width=100, color_system=None, theme=THEME)
    console.print(view)
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert f"  1  {first.id[:8]}  announced 2019-08-30 · Wire" in out
    assert f"  2  {second.id[:8]}  starts 2019-08-31 to 2019-09-01 · Wire" in out
