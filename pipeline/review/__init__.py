"""Review in Datasette: descriptions, facets, canned queries, and corrections as decisions.

`metadata()` builds Datasette's metadata from `pipeline/data/review.toml`; `serve()` runs
Datasette on the database with it. Reading is open to whoever reaches the server (bound to
127.0.0.1 by default); the writable canned queries, which record reviewers' decisions, need a
signed-in actor: the root actor (`serve(root=True)` prints a sign-in link) or accounts of the
datasette-auth-passwords plugin (see docs/review.md).
"""

from __future__ import annotations

import json
import logging
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "data" / "review.toml"
DEFAULT_DATABASE = "news"  # Datasette names a database after its file: data/news.db
WRITERS = {"id": "*"}  # any signed-in actor may record decisions; anonymous visitors may not
PASSWORD_ENV = re.compile(r"^PASSWORD_HASH_(\w+)$")  # datasette-auth-passwords accounts, by convention

__all__ = ["metadata", "serve", "DEFAULT_DATABASE"]


def metadata(database: str = DEFAULT_DATABASE, path: Path = DATA) -> dict[str, Any]:
    """Datasette metadata for the pipeline's database named `database`."""
    spec = tomllib.loads(path.read_text("utf-8"))
    out: dict[str, Any] = {
        "title": spec["title"],
        "description": spec["description"],
        "databases": {database: {
            "tables": {name: _table(t) for name, t in spec["tables"].items()},
            "queries": {name: _query(q, database) for name, q in spec["queries"].items()},
        }},
    }
    plugins = _password_accounts(os.environ)
    if plugins:
        out["plugins"] = {"datasette-auth-passwords": plugins}
    return out


def _table(spec: dict) -> dict:
    table = {k: v for k, v in spec.items() if k != "date_facets"}
    dates = [{"date": column} for column in spec.get("date_facets", [])]
    if dates:
        table["facets"] = [*spec.get("facets", []), *dates]
    return table


def _query(spec: dict, database: str) -> dict:
    query = {"hide_sql": True, **spec}  # reviewers read results, not SQL ("show" link still there)
    query["sql"] = spec["sql"].strip()
    if spec.get("write"):
        query["allow"] = WRITERS
        redirect = spec.get("on_success_redirect")
        if redirect and not redirect.startswith("/"):
            query["on_success_redirect"] = f"/{database}/{redirect}"
    return query


def _password_accounts(environ: Mapping[str, str]) -> dict:
    """`PASSWORD_HASH_ANA=…` in the environment → an account "ana" (Datasette reads the value)."""
    return {f"{m.group(1).lower()}_password_hash": {"$env": name}
            for name in sorted(environ) if (m := PASSWORD_ENV.match(name))}


def serve(db_path: Path, host: str = "127.0.0.1", port: int = 8001, root: bool = False) -> None:
    """Run Datasette on `db_path` until interrupted."""
    db_path = Path(db_path)
    if host not in ("127.0.0.1", "localhost", "::1") and not _password_accounts(os.environ):
        log.warning("WARNING: serving on %s: anyone who reaches it can read everything; "
                    "see docs/review.md before sharing", host)
    with tempfile.TemporaryDirectory(prefix="review-") as tmp:
        meta = Path(tmp) / "metadata.json"
        meta.write_text(json.dumps(metadata(db_path.stem), ensure_ascii=False, indent=1), "utf-8")
        cmd = [sys.executable, "-m", "datasette", "serve", str(db_path), "--metadata", str(meta),
               "-h", host, "-p", str(port)]
        if root:
            cmd.append("--root")
        try:
            subprocess.run(cmd, check=False)
        except KeyboardInterrupt:
            pass
