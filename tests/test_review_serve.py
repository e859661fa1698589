"""`serve` as a reviewer runs it: a real Datasette child on 127.0.0.1, stopped with its temporary
folder by SIGTERM or SIGINT, answering only host names it expects."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from pipeline.review.hosts import HostCheck, accepted_hosts, host_name
from pipeline.store import open_store

from .data.workdir import ROOT

pytestmark = pytest.mark.slow


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def children(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            stat = (entry / "stat").read_text()
        except (OSError, ValueError):
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append(int(entry.name))
    return found


class Server:
    """`python -m pipeline serve` on a free port, its temporary files under `tmp`."""

    def __init__(self, work: Path):
        open_store(work / "news.db").close()
        (work / "config.toml").write_text('[storage]\ndb = "news.db"\n[review]\nallowed_hosts = ["noticias.example.org"]\n')
        (work / "tmp").mkdir()
        self.tmp, self.port = work / "tmp", free_port()
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "serve", "--config", str(work / "config.toml"), "--port", str(self.port)],
            cwd=ROOT, env={**os.environ, "TMPDIR": str(self.tmp)}, stdin=subprocess.DEVNULL,
            stdout=(work / "serve.log").open("w"), stderr=subprocess.STDOUT)
        self.url = f"http://127.0.0.1:{self.port}"
        self._wait_until_up(work / "serve.log")
        (self.child,) = children(self.proc.pid)

    def _wait_until_up(self, log: Path, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            try:
                httpx.get(self.url + "/-/versions.json", timeout=2)
                return
            except httpx.TransportError:
                time.sleep(0.1)
        self.proc.kill()
        raise AssertionError(f"serve never answered: {log.read_text()[-2000:]}")

    def status(self, host: str) -> int:
        return httpx.get(self.url + "/news/articles.json", headers={"Host": host}, timeout=10).status_code

    def stop(self) -> None:
        """Whatever happened, leave no process behind."""
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=60)
        with contextlib.suppress(OSError):  # the child is gone, as it should be
            if b"datasette" in Path(f"/proc/{self.child}/cmdline").read_bytes():
                os.kill(self.child, signal.SIGKILL)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = Server(tmp_path_factory.mktemp("serve"))
    yield server
    server.stop()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_signal_stops_datasette_and_removes_the_temporary_folder(tmp_path, sig):
    server = Server(tmp_path)
    try:
        assert [p.name.startswith("review-") for p in server.tmp.iterdir()] == [True]
        server.proc.send_signal(sig)  # to serve alone, as `kill` or systemd would send it
        assert server.proc.wait(timeout=60) == 0
    finally:
        server.stop()
    assert not Path(f"/proc/{server.child}").exists()
    assert list(server.tmp.iterdir()) == []


@pytest.mark.parametrize(("host", "status"), [
    ("127.0.0.1:{port}", 200), ("localhost:{port}", 200), ("LOCALHOST.:{port}", 200), ("[::1]:{port}", 200),
    ("noticias.example.org", 200), ("evil.example", 400), ("evil.example:{port}", 400),
    ("127.0.0.1.evil.example", 400), ("", 400),
])
def test_only_expected_host_names_are_answered(server, host, status):
    assert server.status(host.format(port=server.port)) == status


@pytest.mark.parametrize(("header", "name"), [
    ("127.0.0.1:8001", "127.0.0.1"), ("[::1]:8001", "::1"), ("::1", "::1"), ("Example.ORG.", "example.org"),
    ("localhost", "localhost"), ("", "")])
def test_host_names_are_read_as_browsers_send_them(header, name):
    assert host_name(header) == name


def test_every_address_has_no_name_of_its_own():
    assert accepted_hosts("0.0.0.0", ["noticias.example.org"]) == ["127.0.0.1", "localhost", "::1",
                                                                   "noticias.example.org"]
    assert accepted_hosts("192.168.1.5") == ["127.0.0.1", "localhost", "::1", "192.168.1.5"]


def test_the_check_passes_lifespan_events_through():
    seen = []

    async def app(scope, receive, send):
        seen.append(scope["type"])

    asyncio.run(HostCheck(app, ["localhost"])({"type": "lifespan"}, None, None))
    assert seen == ["lifespan"]
