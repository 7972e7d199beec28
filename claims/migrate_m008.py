"""m008_check_facts: what the cross-check needs from a text, stored beside the rows, so a check
reads no text: `sources.main_place` (the province an article names most) and `claims.sentence`
(the sentence around the claim). Existing stores are filled once from their texts, a few
hundred sources at a time, so memory stays flat however large the store."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Connection, bindparam, text

BATCH = 500  # sources read (with their texts) per step of the backfill

_SOURCES = text("SELECT id, text, regions FROM sources WHERE id > :last ORDER BY id "
                f"LIMIT {BATCH}")
_CLAIMS = text('SELECT id, start, "end", quote, prefix, suffix, source_id FROM claims '
               "WHERE source_id IN :ids").bindparams(bindparam("ids", expanding=True))
_SET_PLACE = text("UPDATE sources SET main_place = :place WHERE id = :sid")
_SET_SENTENCE = text("UPDATE claims SET sentence = :sentence WHERE id = :cid")


def migrate(conn: Connection) -> None:
    """Add the two columns, then fill them from every stored text."""
    conn.exec_driver_sql("ALTER TABLE sources ADD COLUMN main_place TEXT")
    conn.exec_driver_sql("ALTER TABLE claims ADD COLUMN sentence TEXT")
    last = ""
    while rows := conn.execute(_SOURCES, {"last": last}).all():
        last = rows[-1][0]
        texts = {sid: body or "" for sid, body, _ in rows}
        places = [{"sid": sid, "place": _place(sid, body or "", regions)}
                  for sid, body, regions in rows]
        if found := [p for p in places if p["place"] is not None]:
            conn.execute(_SET_PLACE, found)
        claims = conn.execute(_CLAIMS, {"ids": list(texts)}).all()
        if claims:
            conn.execute(_SET_SENTENCE, [{"cid": c[0], "sentence": _sentence(texts[c[6]], c)}
                                         for c in claims])


def _place(sid: str, body: str, regions: Any) -> str | None:
    """The article's main province, its boilerplate skipped when its regions can be read."""
    from pydantic import ValidationError

    from claims.model import Source
    from claims.store_facts import article_place

    try:
        marked = json.loads(regions) if isinstance(regions, str | bytes) else regions
        source = Source.model_validate({"id": sid, "text": body, "regions": marked or []})
    except (ValueError, TypeError, ValidationError):  # damaged regions: read the whole text
        source = Source(id=sid, text=body)
    return article_place(source)


def _sentence(body: str, row: Any) -> str:
    from claims.store_facts import sentence_around

    _, start, end, quote, prefix, suffix, _ = row
    if body:
        return sentence_around(body, start, end)
    return (prefix or "") + (quote or "") + (suffix or "")
