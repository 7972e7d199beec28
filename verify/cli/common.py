"""What every command shares: the option aliases, the error boundary, and output."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

import typer
from typer.core import TyperGroup

from claims.errors import CrosscheckError

try:  # typer >= 0.20 vendors click
    from typer._click import exceptions as click_exc
except ImportError:  # pragma: no cover
    from click import exceptions as click_exc  # type: ignore[no-redef]

if TYPE_CHECKING:
    from rich.console import RenderableType

    from claims.store import Store


class Format(StrEnum):
    """How a listing is printed: a table for people, JSON or CSV for scripts."""

    table = "table"
    json = "json"
    csv = "csv"


FormatOpt = Annotated[
    Format,
    typer.Option(
        "--format",
        "-f",
        case_sensitive=False,
        help="table for people; json (one JSON array) or csv for scripts.",
    ),
]


class State:
    """Options given before the command: which store."""

    def __init__(self, db: str) -> None:
        self.db = db


def open_db(ctx: typer.Context, create: bool = False) -> Store:
    """The store named by --db / CROSSCHECK_DB. Only commands that store articles or hand
    work create one (saying so): a read on a mistyped path is an error, not an empty store."""
    from claims.store import open_store

    state: State = ctx.find_root().obj
    store = open_store(state.db, create, on_warning=lambda m: talk(f"Warning: {m}", "error"))
    if store.created:
        talk(f"Created a new store at {state.db}", "muted")
    return store


def open_existing(ctx: typer.Context) -> Store | None:
    """The store named by --db if there is one (opened once, for the whole command), else None."""
    from claims.errors import NoStoreError

    try:
        return open_db(ctx)
    except NoStoreError:
        return None


def check_arguments(args: Sequence[str]) -> None:
    """Refuse an argument that is not valid text (bytes that were not UTF-8 arrive as lone
    surrogates) before it reaches a store, a hash or a terminal."""
    import os

    from claims.errors import UsageError
    from claims.limits import check_text

    named = [(f"argument {n} ({a.encode('utf-8', 'backslashreplace').decode()[:40]})", a)
             for n, a in enumerate(args, start=1)]
    named += [(f"${v}", os.environ[v]) for v in ("CROSSCHECK_DB", "CROSSCHECK_USER")
              if v in os.environ]
    for where, value in named:
        try:
            check_text(value, where)
        except CrosscheckError as exc:
            raise UsageError(str(exc)) from None


def fail(message: str, code: int) -> None:
    """One line on stderr, then exit with `code`."""
    from reports.console import stderr_console
    from reports.safe import safe_text

    stderr_console().print(safe_text(f"Error: {message}", style="error"), soft_wrap=True)
    sys.exit(code)


INTERRUPTED = "interrupted; every change finished before it is kept, nothing half-written"


class CrosscheckGroup(TyperGroup):
    """The root group: the project's errors and usage errors become one line and an exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        # typer turns Ctrl-C into a silent exit 130 before main() can say a word: say it here
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            from claims.errors import StoppedError

            if sys.stderr.isatty():
                print(file=sys.stderr)  # end the line a prompt or progress bar left open
            raise StoppedError(INTERRUPTED) from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **kwargs: Any,
    ) -> Any:
        try:
            check_arguments(sys.argv[1:] if args is None else list(args))
            rv = super().main(args, prog_name, complete_var, standalone_mode=False, **kwargs)
        except click_exc.NoArgsIsHelpError as exc:
            print(exc.format_message())
            sys.exit(0)
        except CrosscheckError as exc:
            fail(str(exc), exc.exit_code)
        except click_exc.UsageError as exc:
            where = f" (see '{exc.ctx.command_path} --help')" if exc.ctx else ""
            message = exc.format_message().replace("Value error, ", "").rstrip(".")
            fail(message + where, exc.exit_code)
        except click_exc.ClickException as exc:
            fail(exc.format_message(), exc.exit_code)
        except typer.Abort:
            fail("aborted", 1)
        except KeyboardInterrupt:
            print(file=sys.stderr)  # end the line a prompt or progress bar left open
            fail(INTERRUPTED, 130)
        except BrokenPipeError:
            sys.stderr.close()
            sys.exit(1)
        except OSError as exc:  # a path given for output or input the system refuses
            where = exc.filename if exc.filename is not None else "file"
            fail(f"{where}: {exc.strerror or exc}", 1)
        code = rv if isinstance(rv, int) else 0
        if standalone_mode:
            sys.exit(code)
        return rv


def emit(
    records: Sequence[dict[str, Any]],
    fmt: Format,
    columns: Sequence[str],
    render: Callable[[], RenderableType],
) -> None:
    """Print a listing: JSON array or CSV on stdout and nothing else, or a table for people."""
    if fmt is Format.json:
        from reports.emit import write_json

        write_json(records, sys.stdout)
    elif fmt is Format.csv:
        from reports.emit import write_csv

        write_csv(records, sys.stdout, columns)
    else:
        from reports.console import stdout_console

        stdout_console().print(render())


def talk(message: str, style: str = "") -> None:
    """A line for the person at the terminal, on stderr."""
    from reports.console import stderr_console
    from reports.safe import safe_text

    # messages name files and quotes from articles: never read them as markup
    stderr_console().print(safe_text(message, style=style), soft_wrap=True)
