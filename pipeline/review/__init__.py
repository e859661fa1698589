"""Review in Datasette: descriptions, facets, canned queries, and corrections as decisions.

`metadata()` builds Datasette's metadata from `pipeline/data/review.toml`; `serve()` runs
Datasette on the database with it, our templates (`templates/`: the pages of an article, an
entity and an event, and the forms) and our plugin (`plugin.py`: links, forms, charts; `hosts.py`:
the Host check); `app()` builds the same Datasette in this process (tests, benchmarks).

Bound to 127.0.0.1 (the default), reading is open to whoever reaches the server; bound to any
other address, only signed-in visitors read anything. The writable canned queries, which record
reviewers' decisions, always need a signed-in actor: the root actor (`serve(root=True)` prints a
sign-in link) or accounts of the datasette-auth-passwords plugin (see docs/review.md).
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
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import PipelineError
from ..runtime import Interrupted, stop_on_signals
from .hosts import ALLOWED_HOSTS_ENV, ANY_ADDRESS, LOCAL_HOSTS, accepted_hosts

log = logging.getLogger(__name__)

DATA = Path(__file__).resolve().parent.parent / "data" / "review.toml"
TEMPLATES = Path(__file__).resolve().parent / "templates"
DEFAULT_DATABASE = "news"  # Datasette names a database after its file: data/news.db
WRITERS = {"id": "*"}  # any signed-in actor may record decisions; anonymous visitors may not
PASSWORD_ENV = re.compile(r"^PASSWORD_HASH_(\w+)$")  # datasette-auth-passwords accounts, by convention
STOP_GRACE = 10.0  # seconds Datasette has to stop after SIGTERM before it is killed
# Datasette settings: facet suggestions try every column of a table (up to 50 ms each) on every
# page; the facets worth having are set in review.toml (bench/review.py measures the pages).
SETTINGS = {"suggest_facets": False}

__all__ = ["DEFAULT_DATABASE", "app", "metadata", "serve"]


def metadata(database: str = DEFAULT_DATABASE, path: Path = DATA, private: bool = False) -> dict[str, Any]:
    """Datasette metadata for the pipeline's database named `database`; `private`: only
    signed-in visitors may read."""
    spec = tomllib.loads(path.read_text("utf-8"))
    out: dict[str, Any] = {
        "title": spec["title"],
        "description": spec["description"],
        "databases": {
            database: {
                "tables": {name: _table(t) for name, t in spec["tables"].items()},
                "queries": {name: _query(q, database) for name, q in spec["queries"].items()},
            }
        },
    }
    if private:
        out["allow"] = WRITERS
    plugins = _password_accounts(os.environ)
    if plugins:
        out["plugins"] = {"datasette-auth-passwords": plugins}
    return out


def app(db_path: Path) -> Any:
    """The review Datasette on `db_path` in this process, as `serve` runs it (without the Host check)."""
    from datasette.app import Datasette

    from . import plugin

    if not any(p.__name__ == plugin.__name__ for p in _registered_plugins()):
        from datasette.plugins import pm

        pm.register(plugin, name=plugin.__name__)
    return Datasette(
        [str(db_path)], metadata=metadata(Path(db_path).stem), template_dir=str(TEMPLATES), settings=dict(SETTINGS)
    )


def _registered_plugins() -> list[Any]:
    from datasette.plugins import pm

    return list(pm.get_plugins())


def _table(spec: dict) -> dict:
    table = {k: v for k, v in spec.items() if k != "date_facets"}
    dates = [{"date": column} for column in spec.get("date_facets", [])]
    if dates:
        table["facets"] = [*spec.get("facets", []), *dates]
    return table


def _query(spec: dict, database: str) -> dict:
    query = {"hide_sql": True, **spec}  # reviewers read results, not SQL
    query["sql"] = spec["sql"].strip()
    if spec.get("write"):
        query["allow"] = WRITERS
        redirect = spec.get("on_success_redirect", "/-/review/{database}/decided")  # the page of what was corrected
        query["on_success_redirect"] = (
            redirect.format(database=database) if redirect.startswith("/") else f"/{database}/{redirect}"
        )
    return query


def _password_accounts(environ: Mapping[str, str]) -> dict:
    """`PASSWORD_HASH_ANA=…` in the environment → an account "ana" (Datasette reads the value)."""
    return {
        f"{m.group(1).lower()}_password_hash": {"$env": name}
        for name in sorted(environ)
        if (m := PASSWORD_ENV.match(name))
    }


def serve(
    db_path: Path, host: str = "127.0.0.1", port: int = 8001, root: bool = False, allowed_hosts: Sequence[str] = ()
) -> None:
    """Run Datasette on `db_path` until it stops or SIGTERM/SIGINT stops us (and then it).

    Datasette runs in a child process with our metadata and the Host check plugin, written to a
    temporary folder; both the child and the folder go when `serve` ends, however it ends short
    of SIGKILL.
    """
    db_path = Path(db_path)
    private = host not in LOCAL_HOSTS
    if private and not _password_accounts(os.environ) and not root:
        raise PipelineError(
            f"serving on {host}: only signed-in reviewers may read, and there is no account; set "
            "PASSWORD_HASH_<NAME> (pip install 'news-pipeline[share]'; see docs/review.md) or use --root"
        )
    if private and _password_accounts(os.environ) and not _has_password_plugin():
        raise PipelineError(
            "PASSWORD_HASH_* accounts need datasette-auth-passwords: pip install 'news-pipeline[share]'"
        )
    hosts = accepted_hosts(host, allowed_hosts)
    if host in ANY_ADDRESS and not allowed_hosts:
        log.warning(
            "serving on every address, but only requests to %s are answered: add the names "
            "reviewers use to [review] allowed_hosts in config.toml",
            ", ".join(hosts),
        )
    with tempfile.TemporaryDirectory(prefix="review-") as tmp:
        cmd = [
            sys.executable,
            "-m",
            "datasette",
            "serve",
            str(db_path),
            "--metadata",
            str(_metadata_file(tmp, db_path, private)),
            "--plugins-dir",
            str(_plugins_dir(tmp)),
            "--template-dir",
            str(TEMPLATES),
            *[arg for name, value in SETTINGS.items() for arg in ("--setting", name, str(value).lower())],
            "-h",
            host,
            "-p",
            str(port),
            *(["--root"] if root else []),
        ]
        _run_until_stopped(cmd, {**os.environ, ALLOWED_HOSTS_ENV: ",".join(hosts), "PYTHONPATH": _python_path()})


def _metadata_file(tmp: str, db_path: Path, private: bool) -> Path:
    meta = Path(tmp) / "metadata.json"
    meta.write_text(json.dumps(metadata(db_path.stem, private=private), ensure_ascii=False, indent=1), "utf-8")
    return meta


def _plugins_dir(tmp: str) -> Path:
    """A folder Datasette loads plugins from, holding the hooks of `hosts.py`, `waits.py` and `plugin.py`."""
    plugins = Path(tmp) / "plugins"
    plugins.mkdir()
    (plugins / "pipeline_hosts.py").write_text("from pipeline.review.hosts import asgi_wrapper  # noqa: F401\n")
    (plugins / "pipeline_review.py").write_text("from pipeline.review.plugin import *  # noqa: F403\n")
    (plugins / "pipeline_waits.py").write_text("from pipeline.review.waits import prepare_connection  # noqa: F401\n")
    return plugins


def _has_password_plugin() -> bool:
    try:
        import datasette_auth_passwords  # noqa: F401
    except ImportError:
        return False
    return True


def _python_path() -> str:
    """PYTHONPATH for the child: this very `pipeline` package first, wherever the command runs from."""
    ours = str(Path(__file__).resolve().parents[2])
    return os.pathsep.join([ours, *filter(None, [os.environ.get("PYTHONPATH")])])


def _run_until_stopped(cmd: list[str], env: dict[str, str]) -> None:
    """Run the Datasette child until it exits, or until a signal stops us, and then stop it too."""
    with stop_on_signals():
        child = subprocess.Popen(cmd, env=env)
        try:
            code = child.wait()
        except (Interrupted, KeyboardInterrupt) as e:
            log.info("%s: stopping Datasette (PID %d)", e, child.pid)
            return
        finally:
            _stop(child)
    if code != 0:
        raise PipelineError(f"Datasette stopped with exit code {code} (its message is above)")


def _stop(child: subprocess.Popen) -> None:
    """SIGTERM, then SIGKILL if the child is still there after STOP_GRACE seconds; reaped either way."""
    if child.poll() is not None:
        return
    child.terminate()
    try:
        child.wait(timeout=STOP_GRACE)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
