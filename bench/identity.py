"""Event identity: do event ids and article–event links hold when nothing changed?

    python -m bench.identity [DEVSET_DIR]     (also part of `make bench`)

Serves ../shared/devset as a site on 127.0.0.1 (each article a page, wrapped as `eval` wraps
it, listed on one index page), ingests it, then runs `reprocess` twice, the second time with the
stored pages in reverse order, and `ingest --refetch` once. After each run it counts, against the
first ingest: events whose id is gone, events with a new id, (article, event) links lost and
reports (an article's sentence) now in another event.
Target: all zero (a reviewer's mark and every bookmark lead to the same event).
"""

from __future__ import annotations

import html
import json
import sys
import tempfile
import threading
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devset"


class _Pages(SimpleHTTPRequestHandler):
    """Static files, always sent whole (no 304), so that `--refetch` extracts them again; no log."""

    def send_head(self):  # type: ignore[no-untyped-def]
        del self.headers["If-Modified-Since"]
        return super().send_head()

    def log_message(self, *args: object) -> None:
        pass


def serve_devset(devset: Path, folder: Path) -> ThreadingHTTPServer:
    """The devset's articles as pages of a site, and an index page linking them."""
    from pipeline.evaluate import wrap_html

    (folder / "nota").mkdir(parents=True)
    links = []
    for line in (devset / "articles.jsonl").read_text(encoding="utf-8").splitlines():
        a = json.loads(line)
        (folder / "nota" / f"{a['id']}.html").write_text(a.get("html") or wrap_html(a), encoding="utf-8")
        links.append(f'<a href="/nota/{a["id"]}.html">{html.escape(a.get("title") or a["id"])}</a>')
    (folder / "index.html").write_text("<html><body>" + "<br>".join(links) + "</body></html>", encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Pages, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def snapshot(db_path: Path) -> tuple[set[int], set[tuple[str, int]], set[tuple[str, int, int]]]:
    """The event ids, the (article url, event id) links and the (article url, offset, event id) reports."""
    from pipeline.store import open_store

    with open_store(db_path) as store:
        events = {r[0] for r in store.db.execute("SELECT id FROM events")}
        reports = set(
            store.db.execute(
                "SELECT a.url, ea.start, ea.event_id FROM event_articles ea JOIN articles a ON a.id = ea.article_id"
            ).fetchall()
        )
    return events, {(url, event) for url, _, event in reports}, reports


def compare(before: tuple, after: tuple) -> dict[str, int]:
    """How many event ids went or came, and how many links and reports of `before` `after` lacks."""
    (ev0, ln0, rp0), (ev1, ln1, rp1) = before, after
    return {"ids_gone": len(ev0 - ev1), "ids_new": len(ev1 - ev0), "links_lost": len(ln0 - ln1),
            "reports_moved": len(rp0 - rp1)}


def reprocess_reversed(config, db_path: Path):  # -> RunReport
    """`reprocess`, with the stored pages in the reverse of the order it reads them in."""
    from pipeline.run import process
    from pipeline.runtime import RunReport
    from pipeline.store import open_store

    report = RunReport()
    with open_store(db_path) as store:
        process(list(store.raw_pages())[::-1], store, config, report, force=True)
    return report


def run(devset: Path = DEVSET) -> dict[str, object]:
    """The devset site ingested, then re-extracted three ways; the moves after each, against the ingest."""
    from pipeline.config import load_config
    from pipeline.run import ingest, reprocess

    if not (devset / "articles.jsonl").exists():
        return {"skipped": f"no devset at {devset}"}
    with tempfile.TemporaryDirectory() as tmp:
        server = serve_devset(devset, Path(tmp) / "site")
        url = f"http://127.0.0.1:{server.server_address[1]}/index.html"
        config_path = Path(tmp) / "config.toml"
        config_path.write_text(
            '[storage]\ndb = "news.db"\n[fetch]\ndelay = 0.0\nconcurrency = 8\nrespect_robots = false\n'
            f'[[sources]]\nname = "devsite"\nkind = "listing"\nurl = "{url}"\nlink_pattern = "/nota/"\n',
            encoding="utf-8",
        )
        config = load_config(config_path)
        db = Path(tmp) / "news.db"
        report = ingest(config)
        first = snapshot(db)
        out: dict[str, object] = {"articles": report.counts["new"], "events": len(first[0]),
                                  "links": len(first[1]), "reports": len(first[2])}
        moves: dict[str, int] = {}
        for name, again in [("reprocess", lambda: reprocess(config)),
                            ("reversed", lambda: reprocess_reversed(config, db)),
                            ("refetch", lambda: ingest(config, refetch=True))]:
            out[f"{name}_updated"] = again().counts["updated"]
            moves.update({f"{name}_{k}": v for k, v in compare(first, snapshot(db)).items()})
        server.shutdown()
    return {**out, **moves, "ok": not any(moves.values())}


if __name__ == "__main__":
    print(json.dumps(run(Path(sys.argv[1]) if len(sys.argv) > 1 else DEVSET), indent=1))
