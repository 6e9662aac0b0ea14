"""Full-text search that knows German and names, the same on SQLite and PostgreSQL.

A query (chronik.store.search_query) is expanded before it reaches the index:
- inflections: on SQLite, the words of the FTS5 index's own vocabulary whose German Snowball stem
  is the stem of the word searched (`Gespräch` also finds `Gespräche`, `Gesprächen`), read from an
  fts5vocab view of the index at query time, so nothing extra is written when a report is stored
  and old stores need no backfill. PostgreSQL's `german` configuration stems text and query alike.
- names: every name of a linked entity that the word or phrase names (`Shoigu` also finds
  `Schoigu`); a person's other names by their last word, other entities by the whole name.
Reports holding the words exactly as typed are listed first, then by rank.
A query that runs past TIME_BUDGET_S is stopped with a message instead of holding the server.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from typing import Any

import snowballstemmer
import sqlalchemy as sa

from chronik.store import schema
from chronik.store.db import Store
from chronik.store.filters import LEAD_CHARS, interactive
from chronik.store.search_query import WORDS, And, Or, Query, QueryError, Term, fold, parse

TIME_BUDGET_S = 3.0  # a search past this is stopped: the server stays answerable
MAX_FORMS = 12  # inflected forms of one word taken from the index vocabulary
MAX_VOCAB_SCAN = 400  # vocabulary words read per word searched
MIN_STEM = 3  # shorter shared stems would pull in unrelated words
MAX_ENTITIES = 3  # entities a name may stand for (most mentioned first)
MAX_NAMES = 8  # other names taken per word or phrase
PROGRESS_STEPS = 10_000  # SQLite VM steps between two looks at the clock

COUNT_CAP = 10_000  # totals above this are given as "more than 10,000" (counting them all is slow)
RANK_LIMIT = 5_000  # more matches than this come newest-ingested first instead of best first
# PostgreSQL reads every counted or ranked match from the heap (GIN gives no index-only count), so
# it stops earlier; totals above this are flagged with total_capped as on SQLite.
PG_COUNT_CAP = 2_000
PG_RANK_LIMIT = 1_000

_STEMMER = snowballstemmer.stemmer("german")  # PyStemmer's C version when installed

Forms = dict[Term, list[tuple[str, ...]]]  # a term -> the word sequences searched for it


class SearchTimeout(QueryError):
    """The search ran past its time budget."""


def stem(word: str) -> str:
    return _STEMMER.stemWord(word.lower())


def search(
    store: Store, query: str, *, limit: int = 20, offset: int = 0, as_of: date | None = None
) -> dict[str, Any]:
    """Reports matching the query, exact forms first, then best matches, with a snippet; raises
    QueryError with a message for a query that cannot be read."""
    parsed = parse(query)
    if parsed is None:
        return {"query": query, "total": 0, "results": []}
    with store.engine.connect() as conn, _budget(conn, store.dialect):
        interactive(conn)
        forms = expand(conn, parsed, store.dialect)
        run = _search_sqlite if store.dialect == "sqlite" else _search_postgres
        out = run(conn, parsed, forms, (limit, offset), as_of)
    return {"query": query, **out, "variants": _variants(forms), "notices": parsed.notices}


def _variants(forms: Forms) -> list[str]:
    """The forms searched besides the words as typed, for the page to say so."""
    out: list[str] = []
    for term, alternatives in forms.items():
        typed = fold(" ".join(term.words))
        for words in alternatives:
            text = " ".join(words)
            if fold(text) != typed and text not in out:
                out.append(text)
    return out


@contextmanager
def _budget(conn: sa.Connection, dialect: str) -> Iterator[None]:
    """Stop statements after TIME_BUDGET_S (SQLite: a progress handler; PostgreSQL: a
    transaction-local statement_timeout)."""
    if dialect == "sqlite":
        raw = conn.connection.driver_connection
        deadline = time.monotonic() + TIME_BUDGET_S
        raw.set_progress_handler(lambda: time.monotonic() > deadline, PROGRESS_STEPS)
    else:
        conn.exec_driver_sql(f"SET LOCAL statement_timeout = {int(TIME_BUDGET_S * 1000)}")
    try:
        yield
    except sa.exc.OperationalError as exc:
        if "interrupt" not in str(exc) and "statement timeout" not in str(exc):
            raise
        raise SearchTimeout(
            f"the search took longer than {TIME_BUDGET_S:g} s and was stopped; "
            "use fewer words, fewer prefixes or longer prefixes"
        ) from None
    finally:
        if dialect == "sqlite":
            raw.set_progress_handler(None, 0)


# ---------------------------------------------------------------- expansion


def expand(conn: sa.Connection, query: Query, dialect: str) -> Forms:
    """Each term with its alternatives: the term itself first, then inflections and names."""
    forms: Forms = {}
    names = _name_forms(conn, query.terms())
    for term in query.terms():
        alternatives = [term.words]
        if not term.prefix and dialect == "sqlite" and len(term.words) == 1:
            alternatives += [(w,) for w in _vocabulary_forms(conn, term.words[0])]
        forms[term] = _unique(alternatives + names.get(term, []))
    return forms


def _unique(alternatives: list[tuple[str, ...]]) -> list[tuple[str, ...]]:
    seen: dict[str, tuple[str, ...]] = {}
    for words in alternatives:
        seen.setdefault(fold(" ".join(words)), words)
    return list(seen.values())


def _vocabulary_forms(conn: sa.Connection, word: str) -> list[str]:
    """Words of the FTS5 index with the same German stem. The index folds diacritics, so its
    words are compared folded; the range read is the part of the word the stem keeps."""
    target = stem(word)
    start = _shared_start(fold(word), target)
    if len(start) < MIN_STEM:
        return []
    conn.exec_driver_sql(
        "CREATE VIRTUAL TABLE IF NOT EXISTS temp.chronik_vocab "
        "USING fts5vocab(main, reports_fts, row)"
    )
    rows = conn.execute(
        sa.text(
            "SELECT term FROM temp.chronik_vocab WHERE term >= :a AND term < :b "
            "ORDER BY term LIMIT :n"
        ),
        {"a": start, "b": start + "\U0010ffff", "n": MAX_VOCAB_SCAN},
    )
    found = [row.term for row in rows if stem(row.term) == target]
    return [_respelled(word, x) for x in sorted(found, key=len)[:MAX_FORMS]]


def _respelled(word: str, form: str) -> str:
    """The index's folded form with the typed word's umlauts back on the part they share
    (gesprache -> gespräche), for showing it; the index folds either spelling alike."""
    typed = word.lower()
    n = len(typed)
    while n and fold(typed[:n]) != form[:n]:
        n -= 1
    return typed[:n] + form[n:]


def _shared_start(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


def _name_forms(conn: sa.Connection, terms: list[Term]) -> dict[Term, list[tuple[str, ...]]]:
    """Other names of the entities each word or phrase names, in three queries for all terms:
    the entities by name key (and persons by surname key), their rows, their names."""
    keys = {t: fold(" ".join(t.words)).replace("ß", "ss") for t in terms if not t.prefix}
    named = _entities_named(conn, keys)
    if not named:
        return {}
    e, n = schema.entities.c, schema.entity_names.c
    ids = {i for found in named.values() for i in found}
    rows = {
        x.id: x
        for x in conn.execute(
            sa.select(e.id, e.type, e.canonical, e.n_mentions).where(e.id.in_(ids))
        )
    }
    top = {
        term: sorted(found & rows.keys(), key=lambda i: (-rows[i].n_mentions, i))[:MAX_ENTITIES]
        for term, found in named.items()
    }
    names: dict[int, list[str]] = {i: [rows[i].canonical] for i in rows}
    for x in conn.execute(
        sa.select(n.entity_id, n.name)
        .where(n.entity_id.in_({i for chosen in top.values() for i in chosen}))
        .order_by(n.count.desc(), n.name)
    ):
        names[x.entity_id].append(x.name)
    out: dict[Term, list[tuple[str, ...]]] = {}
    for term, chosen in top.items():
        forms = []
        for i in chosen:
            for name in names[i][: MAX_NAMES + 1]:
                tokens = tuple(t.lower() for t in WORDS.findall(name))
                if tokens:
                    forms.append(tokens[-1:] if rows[i].type == "PER" else tokens)
        out[term] = _unique(forms)[:MAX_NAMES]
    return out


def _entities_named(conn: sa.Connection, keys: dict[Term, str]) -> dict[Term, set[int]]:
    """Entity ids per term: a name with this key, or (one word) a person with this surname key."""
    if not keys:
        return {}
    n, k = schema.entity_names.c, schema.entity_keys.c
    by_key: dict[str, set[int]] = {}
    for x in conn.execute(sa.select(n.key, n.entity_id).where(n.key.in_(set(keys.values())))):
        by_key.setdefault(x.key, set()).add(x.entity_id)
    surnames = {f"s:{v}" for t, v in keys.items() if len(t.words) == 1}
    if surnames:
        for x in conn.execute(sa.select(k.key, k.entity_id).where(k.key.in_(surnames))):
            by_key.setdefault(x.key[2:], set()).add(x.entity_id)
    return {t: by_key[v] for t, v in keys.items() if v in by_key}


# ---------------------------------------------------------------- compiling


def fts5(node: Term | And | Or, forms: Forms) -> str:
    """The tree as an FTS5 MATCH expression; every word is quoted, so nothing is an operator."""
    if isinstance(node, Term):
        parts = [
            '"' + " ".join(words) + '"' + ("*" if node.prefix else "")
            for words in forms.get(node, [node.words])
        ]
        return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"
    if isinstance(node, Or):
        return "(" + " OR ".join(fts5(x, forms) for x in node.items) + ")"
    found = "(" + " AND ".join(fts5(x, forms) for x in node.items) + ")"
    if not node.excluded:
        return found
    return f"{found} NOT (" + " OR ".join(fts5(x, forms) for x in node.excluded) + ")"


def tsquery(node: Term | And | Or, forms: Forms) -> str:
    """The tree as a to_tsquery('german', …) text: only words, `&`, `|`, `!`, `<->` and `:*`."""
    if isinstance(node, Term):
        parts = [
            "(" + " <-> ".join(words) + ")" if len(words) > 1 else words[0]
            for words in forms.get(node, [node.words])
        ]
        if node.prefix:
            parts = [p + ":*" for p in parts]
        return parts[0] if len(parts) == 1 else "(" + " | ".join(parts) + ")"
    if isinstance(node, Or):
        return "(" + " | ".join(tsquery(x, forms) for x in node.items) + ")"
    found = [tsquery(x, forms) for x in node.items]
    found += ["!" + tsquery(x, forms) for x in node.excluded]
    return "(" + " & ".join(found) + ")"


# ---------------------------------------------------------------- running

_AS_OF_SQL = " AND r.date_end IS NOT NULL AND r.date_end <= :as_of"


def _search_sqlite(
    conn: sa.Connection, query: Query, forms: Forms, page: tuple[int, int], day: date | None
) -> dict[str, Any]:
    """FTS5 search. Ranking needs every match scored, so a query matching thousands of reports (a
    common word) lists them by rowid, newest ingested first, which FTS5 reads in order and stops
    early.

    Counting and ordering read the FTS index alone when every report is current and no `as_of` is
    given (the usual store): joining each match to its report row only to read `is_current` cost
    three quarters of a count (20 of 25 ms for 4,600 matches). Otherwise each match is joined and
    filtered; `as_of` then bounds the rowids read (`_last_rowid_known`). The page's report columns
    are read for its rows only."""
    match = fts5(query.root, forms)
    exact = fts5(query.root, {})
    params = {"match": match, "exact": exact, "as_of": day}
    if day is None and _all_current(conn):
        source = "FROM reports_fts WHERE reports_fts MATCH :match"
    else:
        source = (
            "FROM reports_fts JOIN reports r ON r.rowid = reports_fts.rowid "
            "WHERE reports_fts MATCH :match AND r.is_current"
        )
        if day is not None:
            params["bound"] = _last_rowid_known(conn, day)
            if params["bound"] is None:
                return {"total": 0, "total_capped": False, "ranked": True, "results": []}
            source += _AS_OF_SQL + " AND reports_fts.rowid <= :bound"
    total = conn.execute(
        sa.text(f"SELECT count(*) FROM (SELECT 1 {source} LIMIT :cap)"),
        {**params, "cap": COUNT_CAP + 1},
    ).scalar_one()
    ranked = total <= RANK_LIMIT
    first = (
        "reports_fts.rowid IN (SELECT rowid FROM reports_fts WHERE reports_fts MATCH :exact) DESC, "
        if ranked and exact != match
        else ""
    )
    order = f"{first}rank" if ranked else "reports_fts.rowid DESC"
    sql = sa.text(
        "SELECT reports_fts.rowid AS i, snippet(reports_fts, 1, '[', ']', ' … ', 16) AS snippet "
        f"{source} ORDER BY {order} LIMIT :limit OFFSET :offset"
    )
    found = conn.execute(sql, {**params, "limit": page[0], "offset": page[1]}).all()
    return {
        "total": min(total, COUNT_CAP),
        "total_capped": total > COUNT_CAP,
        "ranked": ranked,
        "results": _sqlite_rows(conn, found),
    }


def _all_current(conn: sa.Connection) -> bool:
    """No report was superseded by a newer version (one look into the is_current index)."""
    return (
        conn.execute(sa.text("SELECT 1 FROM reports WHERE is_current = 0 LIMIT 1")).first() is None
    )


def _sqlite_rows(conn: sa.Connection, found: list[sa.Row]) -> list[dict[str, Any]]:
    """The reports of a page (rowid, snippet), in its order."""
    if not found:
        return []
    sql = sa.text(
        "SELECT rowid AS i, id, date, title, substr(text, 1, :lead) AS lead FROM reports "
        "WHERE rowid IN :rowids"
    ).bindparams(sa.bindparam("rowids", expanding=True))
    rows = conn.execute(sql, {"lead": LEAD_CHARS, "rowids": [x.i for x in found]}).mappings()
    by_rowid = {x["i"]: {k: v for k, v in x.items() if k != "i"} for x in rows}
    return [{**by_rowid[x.i], "snippet": x.snippet} for x in found if x.i in by_rowid]


def _last_rowid_known(conn: sa.Connection, day: date) -> int | None:
    """The rowid of the last current report known on `day`. Reports are mostly ingested in date
    order, so with `rowid <= this` FTS5 skips the later part of its doclists instead of reading
    every later match and rejecting it after the join (a search as of 2016 read ten years).
    `+rowid` makes SQLite read the (is_current, date_end) index instead of the table backwards."""
    return conn.execute(
        sa.text("SELECT max(+rowid) FROM reports WHERE is_current = 1 AND date_end <= :day"),
        {"day": day},
    ).scalar()


PG_RERANK = 200  # the best ranked matches among which exact forms are put first


def _pg_ranked(
    conn: sa.Connection, query: Query, source: str, params: dict[str, Any], page: tuple[int, int]
) -> list[dict[str, Any]]:
    """Matches by ts_rank; among the best PG_RERANK, those holding the typed words as whole words
    (case-insensitive) first; then the page's rows with their headline.

    The server ranks and numbers the matches and sends their ids, with the text of the best
    PG_RERANK only; the exact-form test runs here: PostgreSQL's regex engine took 0.17 ms a report
    (35 ms for 200, a third of the search), Python's a few µs. Headlines are made for the page's
    rows alone."""
    ranked = conn.execute(
        sa.text(
            "SELECT id, CASE WHEN pos <= :rerank THEN text END AS text FROM ("
            "SELECT r.id, r.text, row_number() OVER (ORDER BY ts_rank(r.tsv, q) DESC, r.id) AS pos "
            f"{source}) AS numbered ORDER BY pos"
        ),
        {**params, "rerank": PG_RERANK},
    ).all()
    typed = [t for t in query.terms() if not t.prefix][:MAX_NAMES]
    patterns = [re.compile(r"\s+".join(map(re.escape, t.words)) + r"(?!\w)") for t in typed]

    def key(pos: int) -> tuple[bool, int, int]:
        if pos >= PG_RERANK:
            return (True, 0, pos)
        text = ranked[pos].text.lower()
        return (False, -sum(_whole_word(p, text) for p in patterns), pos)

    limit, offset = page
    ids = [ranked[i].id for i in sorted(range(len(ranked)), key=key)[offset : offset + limit]]
    return _pg_page(conn, params, ids)


def _whole_word(pattern: re.Pattern[str], text: str) -> bool:
    """The (lower-case) pattern as whole words in the lower-cased text. The pattern opens with its
    letters, so the regex engine jumps to them; a look-behind in front made it try every position
    (0.16 ms a report)."""
    return any(
        m.start() == 0 or not (text[m.start() - 1].isalnum() or text[m.start() - 1] == "_")
        for m in pattern.finditer(text)
    )


def _pg_page(conn: sa.Connection, params: dict[str, Any], ids: list[str]) -> list[dict[str, Any]]:
    """The rows of a page, in the order of `ids`, with their headline."""
    if not ids:
        return []
    sql = sa.text(
        "SELECT r.id, r.date, r.title, substr(r.text, 1, :lead) AS lead, "
        "ts_headline('german', r.text, q, "
        "'StartSel=[, StopSel=], MaxFragments=2, MaxWords=16, MinWords=6') AS snippet "
        "FROM reports r, to_tsquery('german', :q) q WHERE r.id IN :ids"
    ).bindparams(sa.bindparam("ids", expanding=True))
    rows = conn.execute(sql, {"q": params["q"], "lead": LEAD_CHARS, "ids": ids}).mappings()
    by_id = {row["id"]: dict(row) for row in rows}
    return [by_id[i] for i in ids]


def _search_postgres(
    conn: sa.Connection, query: Query, forms: Forms, page: tuple[int, int], day: date | None
) -> dict[str, Any]:
    """The same contract as the SQLite search: capped totals, and a common word (more than
    PG_RANK_LIMIT matches) listed newest first instead of ranked, since ranking scores every match.
    Exact forms (the typed words as whole words, case-insensitive) come first among ranked ones.

    Plans are chosen here, not left to the planner: it prices `tsv @@ q` on a heap row like any
    function call, while it unpacks the report's TOASTed tsvector (about 12 µs a row), so with a
    LIMIT it walks a date index testing row after row (0.1 s for a capped count, 0.9 s for a page
    as of a day at 100,000 reports). Counting and ranking read the matches from the GIN index
    (bitmap scans only); the newest-first page of a common word walks the index on
    (date_start DESC NULLS LAST, id) of migration 0006 from `as_of` down and stops at the page's
    end."""
    known = _AS_OF_SQL + " AND r.date_start <= :as_of" if day else ""  # start <= end: same rows
    source = f"FROM reports r, to_tsquery('german', :q) q WHERE r.tsv @@ q AND r.is_current{known}"
    params: dict[str, Any] = {"q": tsquery(query.root, forms), "as_of": day}
    _pg_plans(conn, from_gin=True)
    total = conn.execute(
        sa.text(f"SELECT count(*) FROM (SELECT 1 {source} LIMIT :cap) AS hits"),
        {**params, "cap": PG_COUNT_CAP + 1},
    ).scalar_one()
    ranked = total <= PG_RANK_LIMIT
    if ranked:
        results = _pg_ranked(conn, query, source, params, page)
    else:
        _pg_plans(conn, from_gin=False)
        ids = conn.scalars(
            sa.text(
                f"SELECT r.id {source} ORDER BY r.date_start DESC NULLS LAST, r.id "
                "LIMIT :limit OFFSET :offset"
            ),
            {**params, "limit": page[0], "offset": page[1]},
        ).all()
        results = _pg_page(conn, params, ids)
    return {
        "total": min(total, PG_COUNT_CAP),
        "total_capped": total > PG_COUNT_CAP,
        "ranked": ranked,
        "results": results,
    }


def _pg_plans(conn: sa.Connection, *, from_gin: bool) -> None:
    """Matches from the GIN index only (no plain index or sequential scan testing `tsv @@ q` row
    by row), or the server's own choice again; for the rest of the search's transaction."""
    value = "off" if from_gin else "DEFAULT"
    for setting in ("enable_indexscan", "enable_seqscan"):
        conn.exec_driver_sql(f"SET LOCAL {setting} TO {value}")
