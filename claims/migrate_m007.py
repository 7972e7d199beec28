"""m007_desk, frozen: the tables a desk sharing one store needs, and the rows of m006 moved in.

Every table of m006 is renamed aside, made again (foreign keys, timestamps, BIGINT counts,
`created_by`/`created_at` throughout), filled by INSERT ... SELECT and dropped; a conflict's
and a corroboration's JSON list of claims becomes rows of a link table. Rows that would break
a foreign key (links to claims long gone, history of a claim never stored) are left out and
counted in `conn.info["crosscheck_warnings"]`. Damaged SQLite cells are carried over as they
are, for `crosscheck doctor` to name."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    inspect,
)

from claims.store_types import Day, Timestamp

OLD = ("sources", "claims", "claim_history", "conflicts", "corroborations", "decisions",
       "decision_history", "review_state", "review_notes")


def _who(updated: bool = False, required: bool = False) -> list[Column[object]]:
    cols: list[Column[object]] = [Column("created_by", Text, nullable=not required),
                                  Column("created_at", Timestamp, nullable=not required)]
    return cols + ([Column("updated_by", Text), Column("updated_at", Timestamp)] if updated
                   else [])


def _verdict() -> list[Column[object]]:
    return [Column("verdict", String(16), nullable=False), Column("claim_id", String(32)),
            Column("note", Text), Column("fingerprint", String(64), nullable=False),
            *_who(required=True)]


def _links(name: str, owner: str, key: str) -> Table:
    return Table(
        name, M007,
        Column(key, String(32), ForeignKey(f"{owner}.id", ondelete="CASCADE"), primary_key=True),
        Column("claim_id", String(32), ForeignKey("claims.id", ondelete="CASCADE"),
               primary_key=True, index=True),
        Column("position", Integer, nullable=False))


M007 = MetaData()
Table("sources", M007,
      Column("id", String(32), primary_key=True), Column("path", Text), Column("title", Text),
      Column("outlet", Text), Column("url", Text), Column("published", Day),
      Column("language", String(16)), Column("text", Text, nullable=False),
      Column("regions", JSON, nullable=False), Column("origin", String(16), nullable=False),
      *_who(updated=True))
Table("claims", M007,
      Column("id", String(32), primary_key=True),
      Column("source_id", String(32), ForeignKey("sources.id"), nullable=False, index=True),
      Column("source_path", Text), Column("kind", String(32), nullable=False),
      Column("subject", Text), Column("part_of", String(32)), Column("low", BigInteger),
      Column("high", BigInteger), Column("estimate", BigInteger), Column("qualifier", Text),
      Column("figure", Text), Column("event", String(16)), Column("date", String(32)),
      Column("place", Text), Column("place_text", Text), Column("period", Text),
      Column("period_start", Day), Column("period_end", Day), Column("attribution", Text),
      Column("attribution_text", Text), Column("modality", String(16), nullable=False),
      Column("quote", Text, nullable=False), Column("start", Integer, nullable=False),
      Column("end", Integer, nullable=False), Column("prefix", Text), Column("suffix", Text),
      Column("origin", String(16), nullable=False), Column("rule", Text),
      Column("status", String(16), nullable=False), Column("note", Text),
      Column("scope", String(16)), Column("site", Text), Column("attribution_via", Text),
      Column("speaker", Text), *_who(updated=True),
      Index("ix_claims_kind_status", "kind", "status"))
Table("claim_history", M007,
      Column("id", Integer, primary_key=True, autoincrement=True),
      Column("claim_id", String(32), ForeignKey("claims.id"), nullable=False, index=True),
      Column("action", String(16), nullable=False), Column("field", Text), Column("old", Text),
      Column("new", Text), *_who(required=True))
Table("conflicts", M007,
      Column("id", String(32), primary_key=True), Column("type", String(16), nullable=False),
      Column("severity", Float, nullable=False),
      Column("severity_label", String(8), nullable=False),
      Column("reason", Text, nullable=False), Column("key", JSON, nullable=False),
      Column("fingerprint", String(64), nullable=False), Column("open", Boolean, nullable=False),
      *_who(updated=True))
_links("conflict_claims", "conflicts", "conflict_id")
Table("corroborations", M007,
      Column("id", String(32), primary_key=True), Column("key", JSON, nullable=False),
      Column("independent_sources", Integer, nullable=False),
      Column("reason", Text, nullable=False), *_who())
_links("corroboration_claims", "corroborations", "corroboration_id")
Table("decisions", M007, Column("conflict_id", String(32), primary_key=True), *_verdict())
Table("decision_history", M007,
      Column("id", Integer, primary_key=True, autoincrement=True),
      Column("conflict_id", String(32), nullable=False, index=True), *_verdict())
Table("review_state", M007,
      Column("created_by", Text, primary_key=True),
      Column("conflict_id", String(32), nullable=False), Column("open", Boolean, nullable=False),
      Column("created_at", Timestamp), Column("updated_at", Timestamp))
Table("review_notes", M007,
      Column("conflict_id", String(32), primary_key=True),
      Column("created_by", Text, primary_key=True), Column("note", Text, nullable=False),
      Column("created_at", Timestamp, nullable=False))
Table("assignments", M007,
      Column("conflict_id", String(32), ForeignKey("conflicts.id", ondelete="CASCADE"),
             primary_key=True),
      Column("assignee", Text, nullable=False, index=True), *_who(required=True))
Table("settings", M007,
      Column("key", String(64), primary_key=True), Column("value", Text, nullable=False),
      *_who(required=True))
Table("aliases", M007,
      Column("id", Integer, primary_key=True, autoincrement=True),
      Column("canonical", Text, nullable=False), Column("variant", Text, nullable=False),
      Column("type", String(32), nullable=False), *_who(required=True),
      UniqueConstraint("canonical", "variant", name="uq_aliases_canonical_variant"))


def migrate(conn: Connection) -> None:
    """Move every m006 table aside, make the m007 tables, copy the rows in, drop the old."""
    pg = conn.dialect.name == "postgresql"
    if pg:
        for sql in _PG_FUNCTIONS:
            conn.exec_driver_sql(sql)
    for name in OLD:
        _set_aside(conn, name, pg)
    M007.create_all(conn)
    warnings = conn.info.setdefault("crosscheck_warnings", [])
    for target, sql, orphans in _copies(pg):
        lost = conn.exec_driver_sql(orphans).scalar() if orphans else 0
        conn.exec_driver_sql(sql)
        if lost:
            warnings.append(f"migrating to m007_desk left out {lost} {target} naming rows no "
                            "longer stored")
    for name in OLD:
        conn.exec_driver_sql(f"DROP TABLE {name}_m006")
    if pg:
        for table in ("claim_history", "decision_history", "aliases"):
            conn.exec_driver_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"coalesce((SELECT max(id) FROM {table}), 0) + 1, false)")


def _set_aside(conn: Connection, name: str, pg: bool) -> None:
    """Rename a table to NAME_m006 with its indexes, key and sequence out of the way."""
    found = inspect(conn)
    indexes = [i["name"] for i in found.get_indexes(name) if i["name"]]
    pkey = found.get_pk_constraint(name).get("name")
    conn.exec_driver_sql(f"ALTER TABLE {name} RENAME TO {name}_m006")
    for index in indexes:
        conn.exec_driver_sql(f"DROP INDEX {index}")
    if pg:
        if pkey:
            conn.exec_driver_sql(f"ALTER TABLE {name}_m006 RENAME CONSTRAINT {pkey} "
                                 f"TO {name}_m006_pkey")
        seq = conn.exec_driver_sql(f"SELECT pg_get_serial_sequence('{name}_m006', 'id')"
                                   ).scalar() if name.endswith("history") else None
        if seq:
            conn.exec_driver_sql(f"ALTER SEQUENCE {seq} RENAME TO {name}_m006_id_seq")


_PG_FUNCTIONS = [
    # casts that give NULL for text that is not a moment or a day, instead of failing
    """CREATE FUNCTION pg_temp.cc_ts(t text) RETURNS timestamptz LANGUAGE plpgsql AS $$
       BEGIN RETURN nullif(t, '')::timestamptz; EXCEPTION WHEN others THEN RETURN NULL; END $$""",
    """CREATE FUNCTION pg_temp.cc_day(t text) RETURNS date LANGUAGE plpgsql AS $$
       BEGIN RETURN nullif(t, '')::date; EXCEPTION WHEN others THEN RETURN NULL; END $$""",
]


def _ts(col: str, pg: bool) -> str:
    # SQLite: ISO text with its offset becomes UTC "YYYY-MM-DD HH:MM:SS"; text that is not a
    # moment is kept as it was, for doctor to name
    return f"pg_temp.cc_ts({col})" if pg else f"coalesce(datetime({col}), {col})"


def _day(col: str, pg: bool) -> str:
    return f"pg_temp.cc_day({col})" if pg else col


def _copies(pg: bool) -> list[tuple[str, str, str | None]]:
    """(what, INSERT ... SELECT, a count of the rows it leaves out) for each new table."""
    ts, day = (lambda c: _ts(c, pg)), (lambda c: _day(c, pg))
    claim_cols = (
        "id, source_id, source_path, kind, subject, part_of, low, high, estimate, qualifier, "
        'figure, event, date, place, place_text, period, period_start, period_end, attribution, '
        'attribution_text, modality, quote, start, "end", prefix, suffix, origin, rule, status, '
        "note, scope, site, attribution_via, speaker")
    claim_select = claim_cols.replace("period_start, period_end", f"{day('period_start')}, "
                                      f"{day('period_end')}")
    last = ("(SELECT h.{0} FROM claim_history_m006 h WHERE h.claim_id = c.id "
            "ORDER BY h.at DESC, h.id DESC LIMIT 1)")
    has_source = "c.source_id IN (SELECT id FROM sources_m006)"
    has_claim = "claim_id IN (SELECT id FROM claims)"
    verdict = ("conflict_id, verdict, claim_id, note, fingerprint, reviewer, "
               f"{ts('decided_at')}")
    return [
        ("sources", "INSERT INTO sources (id, path, title, outlet, url, published, language, "
         "text, regions, origin, created_by, created_at) SELECT id, path, title, outlet, url, "
         f"published, language, text, regions, origin, added_by, {ts('added_at')} "
         "FROM sources_m006", None),
        ("claims", f"INSERT INTO claims ({claim_cols}, created_by, created_at, updated_by, "
         f"updated_at) SELECT {claim_select}, created_by, {ts('created_at')}, "
         f"{last.format('who')}, {ts(last.format('at'))} FROM claims_m006 c WHERE {has_source}",
         f"SELECT count(*) FROM claims_m006 c WHERE NOT ({has_source})"),
        ("history rows", "INSERT INTO claim_history (id, claim_id, action, field, old, new, "
         f"created_by, created_at) SELECT id, claim_id, action, field, old, new, who, "
         f"{ts('at')} FROM claim_history_m006 WHERE {has_claim}",
         f"SELECT count(*) FROM claim_history_m006 WHERE NOT ({has_claim})"),
        ("conflicts", "INSERT INTO conflicts (id, type, severity, severity_label, reason, key, "
         "fingerprint, open, created_at, updated_at) SELECT id, type, severity, severity_label, "
         f"reason, key, fingerprint, open, {ts('checked_at')}, {ts('checked_at')} "
         "FROM conflicts_m006", None),
        *_link_copies(pg, "conflict_claims", "conflicts", "conflict_id"),
        ("corroborations", "INSERT INTO corroborations (id, key, independent_sources, reason) "
         "SELECT id, key, independent_sources, reason FROM corroborations_m006", None),
        *_link_copies(pg, "corroboration_claims", "corroborations", "corroboration_id"),
        ("decisions", "INSERT INTO decisions (conflict_id, verdict, claim_id, note, "
         f"fingerprint, created_by, created_at) SELECT {verdict} FROM decisions_m006", None),
        ("decisions", "INSERT INTO decision_history (id, conflict_id, verdict, claim_id, note, "
         f"fingerprint, created_by, created_at) SELECT id, {verdict} FROM decision_history_m006",
         None),
        ("positions", "INSERT INTO review_state (created_by, conflict_id, open, created_at, "
         f"updated_at) SELECT reviewer, conflict_id, {'false' if pg else '0'}, {ts('at')}, "
         f"{ts('at')} FROM review_state_m006", None),
        ("notes", "INSERT INTO review_notes (conflict_id, created_by, note, created_at) "
         f"SELECT conflict_id, reviewer, note, {ts('at')} FROM review_notes_m006", None),
    ]


def _link_copies(pg: bool, table: str, owner: str, key: str) -> list[tuple[str, str, str]]:
    """The JSON list of claim ids of each row of `owner`, as link rows (first place kept)."""
    if pg:
        pairs = (f"SELECT o.id AS owner, j.value AS claim_id, j.n - 1 AS position FROM "
                 f"{owner}_m006 o, json_array_elements_text(o.claim_ids::json) "
                 "WITH ORDINALITY AS j(value, n) WHERE json_typeof(o.claim_ids::json) = 'array'")
    else:
        pairs = (f"SELECT o.id AS owner, j.value AS claim_id, j.key AS position FROM "
                 f"{owner}_m006 o, json_each(CASE WHEN json_valid(o.claim_ids) AND "
                 "json_type(o.claim_ids) = 'array' THEN o.claim_ids ELSE '[]' END) AS j")
    kept = "p.claim_id IN (SELECT id FROM claims)"
    insert = (f"INSERT INTO {table} ({key}, claim_id, position) SELECT p.owner, p.claim_id, "
              f"min(p.position) FROM ({pairs}) p WHERE {kept} GROUP BY p.owner, p.claim_id")
    lost = f"SELECT count(*) FROM ({pairs}) p WHERE NOT ({kept})"
    return [(f"links from {owner} to claims", insert, lost)]
