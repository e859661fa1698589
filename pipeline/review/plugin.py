"""The review desk's Datasette plugin: links between pages, forms that explain themselves, charts.

`serve` loads it (beside the Host check of `hosts.py`) with our templates (`templates/`):

* `render_cell`: every id is a link to its page (`article_id`, `event_id`, `entity_id`, …), and
  so are an article's title, an event's label and an entity's name beside their id; the lists
  of names of an article link to each entity; long texts and hashes are cut in tables;
* `extra_template_vars`: the row pages of `articles`, `entities` and `events` get what
  `pages.py` reads; a canned query's page gets its title, description and the help of each
  field from `data/review.toml`, and what a correction is about (the entity or event named by
  the id in the address), so a pre-filled link shows a reviewer what they are about to change;
* `register_routes`: `/-/review/DB/decided` (where a correction lands: the page of what was
  corrected), `/-/review/DB/named` (an entity by kind and name), and the charts as SVG;
* `prepare_connection`: `search_query(text)`, the full-text query that finds an entity by the
  beginning of any word of any of its names (`entity_search`), accents and case ignored.
"""

from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from datasette import hookimpl
from datasette.utils.asgi import NotFound, Response
from markupsafe import Markup, escape

from . import charts, pages

DATA = Path(__file__).resolve().parent.parent / "data" / "review.toml"
ROW_PAGES = ("articles", "entities", "events")
ID_LINKS = {"article_id": "articles", "event_id": "events", "entity_id": "entities", "target_id": "entities"}
LABEL_OF = {"title": "article_id", "label": "event_id", "name": "entity_id"}
NAME_LISTS = {"people": "person", "places": "place", "organizations": "organization", "operations": "operation"}
CUT = {"text": 240, "evidence": 400, "sentence": 300}  # characters of long cells shown in tables
WORD = re.compile(r"\w+")


def search_query(text: str | None) -> str:
    """An FTS5 query matching names with words that begin as the words typed: "roberto vel" →
    `"roberto"* "vel"*`. Nothing typed matches nothing."""
    words = WORD.findall(text or "")
    return " ".join(f'"{w}"*' for w in words) if words else '""'


@hookimpl
def prepare_connection(conn: Any) -> None:
    conn.create_function("search_query", 1, search_query, deterministic=True)


@lru_cache(maxsize=1)
def review_spec() -> dict[str, Any]:
    return tomllib.loads(DATA.read_text("utf-8"))


# ── cells ────────────────────────────────────────────────────────────────────────────────────
@hookimpl
def render_cell(row: Any, value: Any, column: str, table: str | None, database: str, datasette: Any) -> Any:
    """Links for ids and for what they name; cut long text; names lists as links."""
    if value is None or (table is not None and table not in ("decisions", "articles", "events", "entities")):
        return None
    if column in ID_LINKS and (table is None or table == "decisions"):
        return _link(datasette, database, ID_LINKS[column], value, str(value))
    if table is None and column in ("title", "label", "name", "item"):
        return _label_link(row, value, column, database, datasette)
    if table is None and column == "place":
        return _named_link(datasette, database, "place", str(value))
    if table == "articles" and column in NAME_LISTS:
        return _names(datasette, database, NAME_LISTS[column], value)
    if table == "articles" and column == "content_hash":
        return Markup(f'<span title="{escape(value)}">{escape(str(value)[:12])}…</span>')
    if column in CUT and isinstance(value, str) and len(value) > CUT[column]:
        return value[: CUT[column]].rsplit(" ", 1)[0] + " …"
    return None


def _label_link(row: Any, value: Any, column: str, database: str, datasette: Any) -> Any:
    cells = dict(zip(row.keys(), row, strict=False)) if hasattr(row, "keys") else {}
    wanted = [LABEL_OF[column]] if column in LABEL_OF else list(ID_LINKS)
    for key in wanted:
        if cells.get(key) is not None:
            return _link(datasette, database, ID_LINKS[key], cells[key], str(value))
    return None


def _link(datasette: Any, database: str, table: str, row_id: Any, text: str) -> Markup:
    href = datasette.urls.row(database, table, str(row_id))
    return Markup(f'<a href="{escape(href)}">{escape(text)}</a>')


def _named_link(datasette: Any, database: str, kind: str, name: str) -> Markup:
    href = datasette.urls.path(f"/-/review/{database}/named?" + urlencode({"kind": kind, "name": name}))
    return Markup(f'<a href="{escape(href)}">{escape(name)}</a>')


def _names(datasette: Any, database: str, kind: str, value: str) -> Markup | None:
    names = pages._json(value)
    return Markup(", ").join(_named_link(datasette, database, kind, str(n)) for n in names) if names else None


# ── pages ────────────────────────────────────────────────────────────────────────────────────
@hookimpl
def extra_template_vars(template: str, database: str, table: str, view_name: str, request: Any, datasette: Any) -> Any:
    """Data for our row pages and canned query forms (nothing for other pages)."""

    async def extra() -> dict[str, Any]:
        if request is None or database is None:
            return {}
        db = datasette.get_database(database)
        if template == "row.html" and table in ROW_PAGES:
            row_id = request.url_vars.get("pks", "")
            if row_id.isdigit():
                return {"review_page": await _row_page(db, table, int(row_id))}
        name = request.url_vars.get("table")
        if template == "query.html" and name in review_spec()["queries"]:
            return {"review_form": await _form(db, database, name, request)}
        return {}

    return extra


async def _row_page(db: Any, table: str, row_id: int) -> dict[str, Any]:
    if table == "articles":
        return await pages.article_page(db, row_id)
    if table == "entities":
        return await pages.entity_page(db, row_id)
    return await pages.event_page(db, row_id)


async def _form(db: Any, database: str, name: str, request: Any) -> dict[str, Any]:
    """A canned query's words from review.toml, and the entity or event its address names."""
    spec = review_spec()["queries"][name]
    form: dict[str, Any] = {
        "name": name,
        "title": spec.get("title", name),
        "description": spec.get("description", ""),
        "fields": spec.get("fields", {}),
        "write": bool(spec.get("write")),
        "chart": spec.get("chart"),
        "chart_query": urlencode({k: request.args.get(k) for k in request.args if request.args.get(k)}),
    }
    entity_id, event_id = request.args.get("entity_id", ""), request.args.get("event_id", "")
    if entity_id.isdigit():
        form["entity"] = await pages.entity_page(db, int(entity_id))
    if event_id.isdigit():
        form["event"] = (await pages.event_page(db, int(event_id))).get("event")
    return form


# ── routes ───────────────────────────────────────────────────────────────────────────────────
@hookimpl
def register_routes() -> list[tuple[str, Any]]:
    return [
        (r"^/-/review/(?P<database>[^/]+)/decided$", decided),
        (r"^/-/review/(?P<database>[^/]+)/named$", named),
        (r"^/-/review/(?P<database>[^/]+)/events-per-week\.svg$", events_per_week),
        (r"^/-/review/(?P<database>[^/]+)/entities/(?P<id>\d+)/weeks\.svg$", entity_weeks),
    ]


async def _readable(datasette: Any, request: Any) -> Any:
    """The database of the route, if the visitor may read it (404 or 403 otherwise)."""
    database = request.url_vars["database"]
    try:
        db = datasette.get_database(database)
    except KeyError as e:
        raise NotFound(f"no database {database}") from e
    await datasette.ensure_permissions(request.actor, [("view-database", database), "view-instance"])
    return db


async def decided(datasette: Any, request: Any) -> Response:
    """After a correction: the page of what the visitor's latest decision was about."""
    db = await _readable(datasette, request)
    database = request.url_vars["database"]
    row = (
        await db.execute(
            "SELECT d.action, d.event_id, CASE WHEN d.action = 'entity_split' THEN d.entity_id "
            "ELSE COALESCE(e.merged_into, e.id) END FROM decisions d LEFT JOIN entities e ON e.id = d.entity_id "
            "WHERE d.actor = ? ORDER BY d.id DESC LIMIT 1",
            [(request.actor or {}).get("id", "")],
        )
    ).first()
    if row is None:
        return Response.redirect(datasette.urls.database(database))
    table, row_id = ("events", row[1]) if row[0].startswith("event_") else ("entities", row[2])
    return Response.redirect(datasette.urls.row(database, table, str(row_id)))


async def named(datasette: Any, request: Any) -> Response:
    """The page of the entity of a kind and name (or alias)."""
    db = await _readable(datasette, request)
    found = await pages.entity_named(db, request.args.get("name", ""), request.args.get("kind") or None)
    if found is None:
        raise NotFound("no entity of that name")
    return Response.redirect(datasette.urls.row(request.url_vars["database"], "entities", str(found)))


async def events_per_week(datasette: Any, request: Any) -> Response:
    """Events per week by type (the week of their date; events dated only to a month or year left out)."""
    db = await _readable(datasette, request)
    rows = await db.execute(
        "SELECT date(date, '-6 days', 'weekday 1') AS week, type, COUNT(*) FROM events "
        "WHERE review_status IS NOT 'wrong' AND num_articles > 0 AND length(date) = 10 "
        "AND (:type = '' OR type = :type) GROUP BY week, type",
        {"type": request.args.get("type", "")},
    )
    return _chart(rows.rows, "Events per week, by type")


async def entity_weeks(datasette: Any, request: Any) -> Response:
    """Articles per week naming one entity (by publication date)."""
    db = await _readable(datasette, request)
    rows = await db.execute(
        "SELECT date(a.published, '-6 days', 'weekday 1') AS week, 'articles', COUNT(DISTINCT a.id) "
        "FROM mentions m JOIN articles a ON a.id = m.article_id WHERE m.entity_id = ? AND length(a.published) >= 10 "
        "GROUP BY week",
        [int(request.url_vars["id"])],
    )
    return _chart(rows.rows, "Articles naming it, per week")


def _chart(rows: list, title: str) -> Response:
    """(week, series, count) rows drawn as stacked weekly bars, an SVG image."""
    return Response(charts.weekly_bars([tuple(r) for r in rows], title), content_type="image/svg+xml; charset=utf-8")
