"""`crosscheck review`, `crosscheck conflicts decide` and `crosscheck import`: the hand work
on conflicts, by keys or by script, and hand work brought from another store."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db, talk

if TYPE_CHECKING:
    from rich.console import Console, RenderableType

    from claims.model import Claim, Conflict, Source
    from claims.store import Store
    from verify.review import Review


def register(root_app: typer.Typer, conflicts_app: typer.Typer) -> None:
    """Add `review` and `import` to the root command and `decide` to `conflicts`."""
    root_app.command("review")(review)
    root_app.command("import")(import_hand_work)
    conflicts_app.command("decide")(decide_conflict)


def review(
    ctx: typer.Context,
    all_: Annotated[bool, typer.Option("--all", help="Reopen decided conflicts too.")] = False,
    kind: Annotated[str | None, typer.Option(help="Only conflicts about this kind.")] = None,
    place: Annotated[str | None, typer.Option(help="Only conflicts about this place.")] = None,
    mine: Annotated[bool, typer.Option("--mine", help="Only conflicts assigned to me "
                                       "(CROSSCHECK_USER, else the login name).")] = False,
) -> None:
    """Review conflicts one at a time, most severe first, with one key per choice (? for help)."""
    from claims.errors import UsageError
    from claims.model import Kind
    from reports.console import stdout_console
    from verify.review import open_review

    if kind and kind not in Kind.__members__:
        raise UsageError(f"--kind: unknown kind {kind!r} (one of {', '.join(Kind)})")
    console = stdout_console()
    with open_db(ctx) as store:
        session = open_review(store, include_decided=all_, kind=kind, place=place, mine=mine)
        if session.done:
            console.print("Nothing assigned to you to review (--all reopens decided ones)." if mine
                          else "Nothing to review: every conflict has a decision (--all "
                          "reopens them).")
            return
        Walk(store, session, console).run()


class Walk:
    """The terminal side of a review: draw, read a key, carry out what it means."""

    def __init__(self, store: Store, session: Review, console: Console) -> None:
        from claims.store import current_user

        self.store, self.session, self.console = store, session, console
        self.who = current_user()
        self.tty = sys.stdin.isatty()
        self.claims: dict[str, Claim] = {}
        self.sources = {s.id: s for s in store.list_sources()}
        self._redraw = False

    def run(self) -> None:
        try:
            self._walk()
        finally:  # others no longer see this review open (its position is kept)
            from contextlib import suppress

            from claims.errors import CrosscheckError

            with suppress(CrosscheckError):
                self.store.end_review(self.who)

    def _walk(self) -> None:
        shown: str | None = None
        while (conflict := self.session.current) is not None:
            if conflict.id != shown:
                self.draw(conflict)
                self.store.set_review_position(self.who, conflict.id)
                shown = conflict.id
            key = self.read()
            if key is None or not self.handle(key):
                break
            if self._redraw:
                shown = None
        left = len(self.session.conflicts) - self.session.index
        self.console.print(f"Decided {self.session.decided}; {max(left, 0)} left to review. "
                           "Every decision is saved.")

    def handle(self, key: str) -> bool:
        """Carry out one key; False to stop."""
        from claims.errors import CrosscheckError
        from reports.safe import safe_text
        from verify.review import Help, KeepNote, Quit, Say, Show, apply, help_lines

        self._redraw = False
        for effect in self.session.press(key):
            if isinstance(effect, Quit):
                return False
            if isinstance(effect, Help):
                self.console.print("\n".join(help_lines()))
            elif isinstance(effect, Say):
                self.console.print(safe_text(effect.message))
            elif isinstance(effect, Show):
                self.show(effect.claim_id)
            else:
                try:
                    said = apply(self.store, self.session, effect, self.who) or ""
                    self.console.print(safe_text(said))
                except CrosscheckError as exc:
                    self.console.print(safe_text(f"Error: {exc}", style="error"))
                # a kept note changes nothing drawn: redrawing would race the next key
                self._redraw = not isinstance(effect, KeepNote)
        return True

    def read(self) -> str | None:
        """One key from a terminal; one line from anything else (None at its end)."""
        from rich.text import Text

        self.console.print(Text(self.session.prompt()), end="")
        if self.tty and not self.session.wants_line:
            try:
                key = typer.getchar()
            except EOFError:
                return None
            self.console.print(Text(key if key.isprintable() else ""))
            return None if key in ("\x04",) else key
        line = sys.stdin.readline()
        if not self.tty:
            self.console.print()
        return line.rstrip("\r\n") if line else None

    def draw(self, conflict: Conflict) -> None:
        from reports.safe import safe_text
        from verify.desk import others_on

        self.claims = {c.id: c for c in self.store.list_claims(include_inactive=True)}
        self.console.print(conflict_view(conflict, self.claims, self.sources, self.position()))
        for line in others_on(self.store, conflict, self.who):
            self.console.print(safe_text(line, "muted"))
        if note := self.session.notes.get(conflict.id):
            self.console.print(safe_text(f"Your note, kept for its verdict: {note}", "muted"))

    def position(self) -> str:
        return f"Conflict {self.session.index + 1} of {len(self.session.conflicts)}"

    def show(self, claim_id: str) -> None:
        from reports.format import quote_in_context

        claim = self.claims.get(claim_id) or self.store.get_claim(claim_id)
        source = self.sources.get(claim.source_id) or self.store.get_source(claim.source_id)
        self.console.print(quote_in_context(source, claim, context=400))


def conflict_view(
    conflict: Conflict, claims: dict[str, Claim], sources: dict[str, Source], where: str
) -> RenderableType:
    """The report's conflict panel, then the claims numbered for the keys."""
    from rich.console import Group
    from rich.text import Text

    from reports.format import figure, source_label
    from reports.panels import conflict_panel
    from reports.safe import safe_text

    lines: list[RenderableType] = [Text(where, style="heading"),
                                   conflict_panel(conflict, claims, sources)]
    for n, cid in enumerate(conflict.claim_ids, start=1):
        c = claims.get(cid)
        label = f"{figure(c)} · {source_label(sources.get(c.source_id), c.source_path)}" if c \
            else "(claim no longer stored)"
        lines.append(Text.assemble((f"  {n}  ", "heading"), (f"{cid[:8]}  ", "muted"),
                                   safe_text(label)))
    return Group(*lines)


class VerdictOpt(StrEnum):
    """claims.model.Verdict's values, here so `--help` need not load the model."""

    real = "real"
    not_comparable = "not-comparable"
    resolved = "resolved"


def decide_conflict(
    ctx: typer.Context,
    conflict_id: Annotated[str, typer.Argument(metavar="ID", help="Conflict id or its start.")],
    verdict: Annotated[VerdictOpt, typer.Option(help="real, not-comparable or resolved.",
                                             case_sensitive=False)],
    claim: Annotated[str | None, typer.Option(help="The claim a resolved verdict favours.")] = None,
    note: Annotated[str | None, typer.Option(help="Why: kept with the decision.")] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Record a verdict on a conflict (the scriptable form of `crosscheck review`)."""
    from claims.model import Verdict
    from reports.tables import conflicts_table
    from verify.cli.check_cmd import CONFLICT_COLUMNS
    from verify.review import record_verdict

    with open_db(ctx) as store:
        conflict, said = record_verdict(store, conflict_id, Verdict(verdict.value), claim, note)
    if said:
        talk(f"Note: {said}", "highlight")
    emit([conflict.record()], fmt, [*CONFLICT_COLUMNS, "decision"],
         lambda: conflicts_table([conflict]))


def import_hand_work(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(metavar="FILE.jsonl", help="Hand work exported.")],
    fmt: FormatOpt = Format.table,
) -> None:
    """Import hand work (sources, claims, edits, decisions) exported from another store."""
    from rich.text import Text

    from verify.handwork import import_hand_work as restore
    from verify.handwork import read_lines

    lines = read_lines(path)
    with open_db(ctx, create=True) as store:
        summary = restore(store, lines, name=str(path))
    record = summary.record()
    emit([record], fmt, list(record), lambda: Text(
        "Imported " + ", ".join(f"{n} {k}" for k, n in record.items()) + " (new ones only)."))
