"""Bad input over the whole CLI (issue 14): every case gets one line on stderr, no traceback, a
non-zero exit, and leaves the store's dump (every row of every table) and its folder as they
were. Each case is an input a hostile week of use tried; its id says what."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from claims.store import open_store
from verify.cli import app

runner = CliRunner()
A = ("---\ntitle: Floods in Lowvale\noutlet: Valley Post\npublished: 2023-04-02\n---\n"
     "At least 31 people were killed by the floods in Lowvale, the Red Cross said.\n"
     "More than 12,000 residents have fled their homes in Lowvale.\n")
B = ("---\ntitle: Lowvale toll rises\noutlet: River Times\npublished: 2023-04-03\n---\n"
     "Officials said 95 people were killed by the floods in Lowvale.\n"
     "About 3,000 residents have fled their homes in Lowvale.\n")
HAND = "On air: the mayor said 40 families fled the river district.\n"
HUGE = "1" + "0" * 5000


def dump(db: Path | str) -> list[tuple[object, ...]]:
    """Every row of every table: to prove a failed command changed nothing (a store file, or
    a PostgreSQL store by its URL)."""
    if "://" in str(db):
        return dump_server(str(db))
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("select name from sqlite_master where type='table'")]
        return [(t, *row) for t in sorted(tables) for row in conn.execute(f"select * from {t}")]


def dump_server(url: str) -> list[tuple[object, ...]]:
    from sqlalchemy import MetaData, create_engine, select

    from claims.store_open import server_url

    engine = create_engine(server_url(url))
    try:
        tables = MetaData()
        tables.reflect(engine)
        with engine.connect() as conn:
            return [(name, *row) for name in sorted(tables.tables)
                    for row in conn.execute(select(tables.tables[name]).order_by(
                        *tables.tables[name].primary_key.columns))]
    finally:
        engine.dispose()


def invoke(db: Path, *args: str) -> tuple[int, str, str, BaseException | None]:
    result = runner.invoke(app, ["--db", str(db), *args])
    return result.exit_code, result.stdout, result.stderr, result.exception


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """A store with articles, a check's conflicts, a hand source, a hand claim, a decision."""
    folder = tmp_path_factory.mktemp("template")
    db = folder / "store.db"
    for name, text in (("a.md", A), ("b.md", B), ("tv.txt", HAND)):
        (folder / name).write_text(text, encoding="utf-8")
    assert invoke(db, "ingest", str(folder / "a.md"), str(folder / "b.md"))[0] == 0
    assert invoke(db, "check")[0] == 0
    code, out, err, _ = invoke(db, "sources", "add", "--title", "Radio", "--published",
                               "2023-04-03", "--text-file", str(folder / "tv.txt"), "-f", "json")
    assert code == 0, err
    hand = json.loads(out)[0]["id"]
    code, out, err, _ = invoke(db, "claims", "add", "--source", hand, "--quote",
                               "40 families fled", "--kind", "displaced", "-f", "json")
    assert code == 0, err
    with open_store(str(db)) as store:
        conflict = store.list_conflicts()[0]
        claims = {c.source_id: c.id for c in store.list_claims()}
    assert invoke(db, "conflicts", "decide", conflict.id, "--verdict", "real")[0] == 0
    ids = {"hand": hand, "claim": json.loads(out)[0]["id"], "conflict": conflict.id,
           "member": conflict.claim_ids[0], "src": next(iter(claims))}
    return db, ids


def _write(name: str, data: str | bytes) -> Callable[[Path], None]:
    def make(folder: Path) -> None:
        path = folder / name
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return make


def _fifo(folder: Path) -> None:
    os.mkfifo(folder / "pipe.txt")


def _zero(folder: Path) -> None:
    (folder / "zero.txt").symlink_to("/dev/zero")


def _foreign(folder: Path) -> None:
    with sqlite3.connect(folder / "recipes.db") as conn:
        conn.execute("create table recipes (name text)")


def _toml(text: str) -> Callable[[Path], None]:
    return _write("crosscheck.toml", text)


OK = _write("ok.md", A.replace("31", "32"))
# (id, arguments, setup): {tmp} is the case's folder, {db} the store, {hand}, {claim}, {conflict},
# {member}, {src}: ids in the store.
CASES: list[tuple[str, list[str], Callable[[Path], None] | None]] = [
    # the store itself
    ("db-empty-name", ["--db", "", "claims", "list"], None),
    ("db-unknown-dialect", ["--db", "nosuch://x", "claims", "list"], None),
    ("db-is-a-folder", ["--db", "{tmp}", "claims", "list"], None),
    ("db-folder-missing", ["--db", "{tmp}/no/s.db", "claims", "list"], None),
    ("db-mistyped-read", ["--db", "{tmp}/stroe.db", "claims", "list"], None),
    ("db-foreign-sqlite", ["--db", "{tmp}/recipes.db", "claims", "list"], _foreign),
    ("db-not-sqlite", ["--db", "{tmp}/notes.txt", "sources", "list"],
     _write("notes.txt", "x" * 200)),
    # ingest
    ("ingest-missing-file", ["ingest", "{tmp}/gone.md"], None),
    ("ingest-empty-folder", ["ingest", "{tmp}/empty"], lambda f: (f / "empty").mkdir()),
    ("ingest-pattern-matches-nothing", ["ingest", "{tmp}/*.nothing"], None),
    ("ingest-binary", ["ingest", "{tmp}/x.txt"], _write("x.txt", b"\x89PNG\r\n\x1a\n\x00\x00")),
    ("ingest-latin-1", ["ingest", "{tmp}/x.txt"], _write("x.txt", b"caf\xe9 killed 3")),
    ("ingest-empty-file", ["ingest", "{tmp}/x.txt"], _write("x.txt", "  \n")),
    ("ingest-front-matter-only", ["ingest", "{tmp}/x.md"],
     _write("x.md", "---\ntitle: t\npublished: 2023-01-01\n---\n\n")),
    ("ingest-fifo", ["ingest", "{tmp}/pipe.txt"], _fifo),
    ("ingest-link-to-dev-zero", ["ingest", "{tmp}/zero.txt"], _zero),
    ("ingest-above-max-size", ["ingest", "{tmp}/long.md", "--max-size", "0.001"],
     _write("long.md", A + "More residents fled their homes.\n" * 60)),
    ("ingest-utf16-without-encoding", ["ingest", "{tmp}/x.txt"],
     _write("x.txt", "12 killed".encode("utf-16"))),
    ("ingest-unknown-encoding", ["ingest", "{tmp}/ok.md", "--encoding", "klingon"], OK),
    ("ingest-unsupported-suffix", ["ingest", "{tmp}/x.pdf"], _write("x.pdf", "%PDF-1.4")),
    ("ingest-good-then-bad", ["ingest", "{tmp}/ok.md", "{tmp}/x.txt"],
     lambda f: (OK(f), _write("x.txt", b"\xff\xfe\x00")(f))),
    ("ingest-bad-front-matter", ["ingest", "{tmp}/x.md"],
     _write("x.md", "---\nnot a pair\n---\nx")),
    ("manifest-bad-date", ["ingest", "{tmp}/ok.md", "-m", "{tmp}/m.csv"],
     lambda f: (OK(f), _write("m.csv", "path,published\nok.md,last week\n")(f))),
    ("manifest-missing-file", ["ingest", "{tmp}/ok.md", "-m", "{tmp}/m.csv"],
     lambda f: (OK(f), _write("m.csv", "path\ngone.md\n")(f))),
    ("manifest-more-cells-than-header", ["ingest", "{tmp}/ok.md", "-m", "{tmp}/m.csv"],
     lambda f: (OK(f), _write("m.csv", "path,title\nok.md,T,extra,more\n")(f))),
    ("manifest-cell-over-128k", ["ingest", "{tmp}/ok.md", "-m", "{tmp}/m.csv"],
     lambda f: (OK(f), _write("m.csv", "path,title\nok.md," + "t" * 200_000 + "\n")(f))),
    ("manifest-lists-twice", ["ingest", "{tmp}/ok.md", "-m", "{tmp}/m.csv"],
     lambda f: (OK(f), _write("m.csv", "path\nok.md\nok.md\n")(f))),
    ("manifest-is-a-folder", ["ingest", "{tmp}/ok.md", "-m", "{tmp}"], OK),
    ("aliases-missing", ["ingest", "{tmp}/ok.md", "--aliases", "{tmp}/nope.csv"], OK),
    ("corpus-without-text-column", ["ingest", "{tmp}/c.csv"], _write("c.csv", "text\nx\n")),
    ("corpus-column-missing", ["ingest", "{tmp}/c.csv", "--text-column", "body"],
     _write("c.csv", "text\n12 were killed\n")),
    ("corpus-cell-above-max-size", ["ingest", "{tmp}/c.csv", "--text-column", "text",
                                    "--max-size", "0.001"],
     _write("c.csv", "text\n" + "a" * 5000 + "\n")),
    ("corpus-bad-date", ["ingest", "{tmp}/c.csv", "--text-column", "text", "--published-column",
                         "d", "--date-format", "%m/%d/%y"],
     _write("c.csv", "text,d\n12 were killed,yesterday\n")),
    ("jsonl-not-json", ["ingest", "{tmp}/c.jsonl", "--text-column", "text"],
     _write("c.jsonl", "{not json}\n")),
    ("jsonl-deeply-nested", ["ingest", "{tmp}/c.jsonl", "--text-column", "text"],
     _write("c.jsonl", '{"text": "x", "n": ' + "[" * 100_000 + "]" * 100_000 + "}\n")),
    ("jsonl-lone-surrogate", ["ingest", "{tmp}/c.jsonl", "--text-column", "text"],
     _write("c.jsonl", '{"text": "12 were killed \\ud800 here"}\n')),
    ("jsonl-huge-integer", ["ingest", "{tmp}/c.jsonl", "--text-column", "text"],
     _write("c.jsonl", '{"text": "12 were killed", "n": ' + HUGE + "}\n")),
    # hand-made sources and claims
    ("sources-add-surrogate-text", ["sources", "add", "--text", "40 fled \udcff"], None),
    ("sources-add-bad-date", ["sources", "add", "--text", "x", "--published", "yesterday"], None),
    ("sources-add-no-text", ["sources", "add", "--title", "x"], None),
    ("sources-add-empty-text", ["sources", "add", "--text", "   "], None),
    ("sources-add-missing-file", ["sources", "add", "--text-file", "{tmp}/gone.txt"], None),
    ("claims-add-low-5000-digits", ["claims", "add", "--source", "{hand}", "--quote",
                                    "40 families fled", "--kind", "killed", "--low", HUGE], None),
    ("claims-add-low-superscript", ["claims", "add", "--source", "{hand}", "--quote",
                                    "40 families fled", "--kind", "killed", "--low", "²"], None),
    ("claims-add-low-above-high", ["claims", "add", "--source", "{hand}", "--quote",
                                   "40 families", "--kind", "displaced", "--low", "50",
                                   "--high", "4"], None),
    ("claims-add-quote-not-found", ["claims", "add", "--source", "{hand}", "--quote",
                                    "nine hundred soldiers were wounded", "--kind", "injured"],
     None),
    ("claims-add-unknown-kind", ["claims", "add", "--source", "{hand}", "--quote",
                                 "40 families fled", "--kind", "eaten"], None),
    ("claims-add-unknown-source", ["claims", "add", "--source", "ffffffff", "--quote", "x",
                                   "--kind", "killed"], None),
    ("claims-add-figure-kind-without-figure", ["claims", "add", "--source", "{hand}", "--quote",
                                               "the mayor said", "--kind", "killed"], None),
    ("claims-add-surrogate-note", ["claims", "add", "--source", "{hand}", "--quote", "40 families",
                                   "--kind", "displaced", "--note", "heard \ud800"], None),
    ("claims-edit-estimate-above-2-63", ["claims", "edit", "{claim}", "--estimate",
                                         str(2**63)], None),
    ("claims-edit-period-not-a-range", ["claims", "edit", "{claim}", "--period", "May"], None),
    ("claims-edit-period-reversed", ["claims", "edit", "{claim}", "--period",
                                     "2023-05-01/2023-04-01"], None),
    ("claims-edit-unknown-scope", ["claims", "edit", "{claim}", "--scope", "huge"], None),
    ("claims-edit-nothing", ["claims", "edit", "{claim}"], None),
    ("claims-edit-unknown-id", ["claims", "edit", "cdeadbeef", "--low", "4"], None),
    ("claims-show-id-too-short", ["claims", "show", "c1"], None),
    ("claims-show-sql-wildcards", ["claims", "show", "____"], None),
    ("sources-show-sql-wildcards", ["sources", "show", "%%%%"], None),
    ("claims-list-unknown-kind", ["claims", "list", "--kind", "eaten"], None),
    ("claims-list-surrogate-place", ["claims", "list", "--place", "Idl\udcffib"], None),
    ("claims-rm-unknown", ["claims", "rm", "cdeadbeef"], None),
    ("claims-history-unknown", ["claims", "history", "cdeadbeef"], None),
    # check and its settings
    ("check-window-1e20", ["check", "--window", str(10**20)], None),
    ("check-tolerance-zero", ["check", "--tolerance", "0"], None),
    ("toml-negative-slack", ["check"], _toml("[check]\ndate_slack_days = -100\n")),
    ("toml-duplicate-ratio-huge-negative", ["check"], _toml("[check]\nduplicate_ratio = -1e308\n")),
    ("toml-workers-negative", ["check"], _toml("[check]\nworkers = -3\n")),
    ("toml-window-1e20", ["check"], _toml("[check]\nwindow_days = 100000000000000000000\n")),
    ("toml-nan-tolerance", ["check"], _toml("[check]\ntolerance = nan\n")),
    ("toml-not-toml", ["check"], _toml("[check\n")),
    ("toml-unknown-key", ["check"], _toml("[check]\nwindow = 3\n")),
    # conflicts and review
    ("conflicts-show-unknown", ["conflicts", "show", "xdeadbeef"], None),
    ("conflicts-decide-bad-verdict", ["conflicts", "decide", "{conflict}", "--verdict", "maybe"],
     None),
    ("conflicts-decide-resolved-without-claim", ["conflicts", "decide", "{conflict}", "--verdict",
                                                 "resolved"], None),
    ("conflicts-decide-surrogate-note", ["conflicts", "decide", "{conflict}", "--verdict", "real",
                                         "--note", "\udc80"], None),
    ("conflicts-list-unknown-type", ["conflicts", "list", "--type", "vibes"], None),
    ("conflicts-list-unknown-severity", ["conflicts", "list", "--severity", "dire"], None),
    ("review-unknown-kind", ["review", "--kind", "eaten"], None),
    # output paths: never over the store or another database
    ("report-over-the-store", ["report", "-f", "markdown", "-o", "{db}"], None),
    ("report-over-the-store-wal", ["report", "-f", "json", "-o", "{db}-wal"], None),
    ("report-over-another-database", ["report", "-f", "html", "-o", "{tmp}/recipes.db"], _foreign),
    ("report-csv-over-a-database", ["report", "-f", "csv", "-o", "{tmp}/x.csv"],
     lambda f: (_foreign(f), os.rename(f / "recipes.db", f / "x-claims.csv"))),
    ("report-into-missing-folder", ["report", "-f", "markdown", "-o", "{tmp}/no/r.md"], None),
    ("report-bad-since", ["report", "--since", "last week"], None),
    ("report-negative-limit", ["report", "--limit", "-1"], None),
    ("export-hand-work-over-the-store", ["export", "--hand-work", "{db}"], None),
    ("export-folder-is-the-store", ["export", "{db}"], None),
    ("export-nothing-named", ["export"], None),
    # import
    ("import-missing-file", ["import", "{tmp}/gone.jsonl"], None),
    ("import-not-json", ["import", "{tmp}/h.jsonl"], _write("h.jsonl", "{oops\n")),
    ("import-deeply-nested", ["import", "{tmp}/h.jsonl"],
     _write("h.jsonl", '{"type": "note", "x": ' + "[" * 100_000 + "]" * 100_000 + "}\n")),
    ("import-lone-surrogate", ["import", "{tmp}/h.jsonl"],
     _write("h.jsonl", '{"type": "note", "conflict_id": "x1", "reviewer": "a", "note": '
                       '"\\udfff", "at": "2023-01-01T00:00:00"}\n')),
    ("import-huge-integer", ["import", "{tmp}/h.jsonl"], _write("h.jsonl", '{"type": "claim", '
                                                                '"low": ' + HUGE + "}\n")),
    ("import-count-above-2-63", ["import", "{tmp}/h.jsonl"], None),  # written by the test
    ("import-unknown-type", ["import", "{tmp}/h.jsonl"], _write("h.jsonl", '{"type": "x"}\n')),
    # the command line itself
    ("unknown-command", ["frobnicate"], None),
    ("unknown-option", ["claims", "list", "--bogus"], None),
    ("argument-with-surrogate", ["sources", "show", "ab\udcffcd"], None),
]


def _above_2_63(folder: Path, db: Path, ids: dict[str, str]) -> None:
    """An exported hand claim whose low is beyond 64 bits: import must refuse it whole."""
    with open_store(str(db)) as store:
        record = store.get_claim(ids["claim"]).record()
    record |= {"type": "claim", "id": "c0000000big", "low": 2**64, "high": None,
               "estimate": None, "status": "active"}
    (folder / "h.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")


@pytest.mark.parametrize(("args", "setup"), [(a, s) for _, a, s in CASES],
                         ids=[name for name, _, _ in CASES])
def test_bad_input_is_one_line_and_changes_nothing(
    template: tuple[Path, dict[str, str]], tmp_path: Path, request: pytest.FixtureRequest,
    args: list[str], setup: Callable[[Path], None] | None,
) -> None:
    db = tmp_path / "store.db"
    shutil.copy(template[0], db)
    if setup is not None:
        setup(tmp_path)
    if request.node.callspec.id == "import-count-above-2-63":
        _above_2_63(tmp_path, db, template[1])
    before, files = dump(db), sorted(p.name for p in tmp_path.iterdir())
    values = {"tmp": str(tmp_path), "db": str(db), **template[1]}
    argv = [a.format(**values) if "{" in a else a for a in args]
    code, out, err, exc = invoke(db, *argv) if argv[0] != "--db" else (
        lambda r: (r.exit_code, r.stdout, r.stderr, r.exception))(runner.invoke(app, argv))
    assert isinstance(exc, SystemExit), f"{type(exc).__name__}: {exc}"  # nothing escaped
    assert code != 0, (out, err)
    assert "Traceback" not in out + err
    assert err.startswith("Error: ") and err.count("\n") == 1, err
    assert out == ""
    assert dump(db) == before
    after = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(("-wal", "-shm")))
    assert after == [f for f in files if not f.endswith(("-wal", "-shm"))]


def test_there_are_at_least_forty_cases() -> None:
    assert len(CASES) >= 40 and len({name for name, _, _ in CASES}) == len(CASES)
