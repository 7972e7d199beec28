"""`crosscheck sources`: list, show and add (by hand) stored articles."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from verify.cli.common import Format, FormatOpt, emit, open_db

app = typer.Typer(help="List, show and add stored sources (articles, transcripts).",
                  no_args_is_help=True)

SOURCE_COLUMNS = ["id", "path", "title", "outlet", "published", "url", "language", "claims"]


@app.command("list")
def list_sources(ctx: typer.Context, fmt: FormatOpt = Format.table) -> None:
    """List stored sources with their metadata and claim counts."""
    from reports.tables import sources_table

    with open_db(ctx) as store:
        sources, counts = store.list_sources(), store.claim_counts()
    records = [_record(s, counts.get(s.id, 0)) for s in sources]
    emit(records, fmt, SOURCE_COLUMNS, lambda: sources_table(sources, counts))


@app.command("show")
def show_source(
    ctx: typer.Context,
    source_id: Annotated[
        str, typer.Argument(metavar="ID", help="Source id or its first characters.")
    ],
    fmt: FormatOpt = Format.table,
) -> None:
    """Show one source: metadata, marked regions and its claims (json includes the text)."""
    from reports.tables import source_detail

    with open_db(ctx) as store:
        source = store.get_source(source_id)
        claims = store.list_claims(source=source.id)
    record = _record(source, len(claims)) | {
        "text": source.text, "regions": [r.model_dump(mode="json") for r in source.regions]
    }
    emit([record], fmt, SOURCE_COLUMNS, lambda: source_detail(source, claims))


@app.command("add")
def add_source(
    ctx: typer.Context,
    title: Annotated[str | None, typer.Option(help="What the source is called.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Who published or aired it.")] = None,
    published: Annotated[str | None, typer.Option(help="Publication date, YYYY-MM-DD.")] = None,
    url: Annotated[str | None, typer.Option(help="Where it can be found.")] = None,
    text: Annotated[str | None, typer.Option(help="The text itself (or use --text-file).")] = None,
    text_file: Annotated[
        Path | None, typer.Option("--text-file", help="A UTF-8 file holding the text.")
    ] = None,
    fmt: FormatOpt = Format.table,
) -> None:
    """Add a source by hand (a TV segment, a PDF): its text and metadata, for hand-made claims."""
    from reports.tables import source_detail
    from verify.cli.common import talk
    from verify.hand import make_source, read_text

    source = make_source(read_text(text, text_file), title, outlet, published, url)
    with open_db(ctx, create=True) as store:
        new = store.add_source(source)
        source = store.get_source(source.id)
        claims = store.list_claims(source=source.id)
    count = len(claims)
    talk(f"{'Added' if new else 'Already stored:'} source {source.id}")
    emit([_record(source, count)], fmt, SOURCE_COLUMNS, lambda: source_detail(source, claims))


def _record(source: object, claims: int) -> dict[str, object]:
    from claims.model import Source

    assert isinstance(source, Source)
    data = source.model_dump(mode="json", include=set(SOURCE_COLUMNS))
    return {k: data.get(k) for k in SOURCE_COLUMNS if k != "claims"} | {"claims": claims}
