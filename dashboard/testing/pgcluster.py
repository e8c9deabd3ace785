"""A throwaway PostgreSQL for tests and benchmarks: Debian's server binaries in, a running cluster on a free
loopback port out, one cheap database per test (copied from a migrated template), always stopped.

``initdb`` refuses to run as root (CI runs as root), so as root the cluster belongs to the unprivileged system
user ``nobody`` and every server command runs through ``runuser -u nobody --``. The cluster lives in a
temporary folder (data and unix socket), listens on 127.0.0.1 only, trusts local connections (nothing but this
machine can reach it) and runs without fsync: it is thrown away. ``stop`` is idempotent and also registered
with ``atexit``, so an interrupted run does not leave a server behind.
"""

from __future__ import annotations

import atexit
import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from itertools import count
from pathlib import Path

RUN_AS = "nobody"
INSTALL_HINT = (
    "PostgreSQL tests skipped: no PostgreSQL server found (/usr/lib/postgresql/*/bin/initdb). Install Debian's "
    "with 'sudo apt-get install -y postgresql' (make test and .ci/run do it when run as root)"
)


def bindir() -> Path | None:
    """The newest installed PostgreSQL's bin folder (Debian: /usr/lib/postgresql/<major>/bin), or None."""
    found = sorted(
        (Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")),
        key=lambda p: int(p.parent.name) if p.parent.name.isdigit() else 0,
    )
    return found[-1] if found else None


def unavailable() -> str | None:
    """Why no cluster can be started here (a message saying how to install PostgreSQL), or None."""
    if bindir() is None:
        return INSTALL_HINT
    if os.geteuid() == 0 and shutil.which("runuser") is None:
        return "PostgreSQL tests skipped: running as root without runuser (util-linux) to start the server as nobody"
    return None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    """One running PostgreSQL server in a temporary folder; ``database()`` makes a fresh store database."""

    def __init__(self):
        self.bin = bindir()
        if self.bin is None:
            raise RuntimeError(INSTALL_HINT)
        self.root = Path(tempfile.mkdtemp(prefix="dashboard-pg-"))
        self.data, self.sockets = self.root / "data", self.root / "run"
        self.port = _free_port()
        self._names = count(1)
        self._running = False
        self._template: str | None = None
        self.sockets.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.root, RUN_AS)
            shutil.chown(self.sockets, RUN_AS)
        atexit.register(self.stop)
        self._run("initdb", "-D", self.data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "-N")
        options = (
            f"-p {self.port} -k {self.sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=100"
        )
        self._run("pg_ctl", "start", "-w", "-t", "60", "-D", self.data, "-l", self.root / "server.log", "-o", options)
        self._running = True

    def _run(self, tool: str, *args) -> None:
        command = [str(self.bin / tool), *map(str, args)]
        if os.geteuid() == 0:
            command = ["runuser", "-u", RUN_AS, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, cwd=self.root)
        if done.returncode != 0:
            log = self.root / "server.log"
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{tool} failed ({done.returncode}): {done.stderr.strip()}\n{tail}")

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def _admin(self, *statements: str) -> None:
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as db:
            for sql in statements:
                db.execute(sql)

    def database(self) -> str:
        """A new database holding an empty store at this code's schema (copied from a template: ~ms, not a
        migration per test); returns its URL."""
        if self._template is None:
            from dashboard.store.sqlite import Store

            self._template = "store_template"
            self._admin(f"CREATE DATABASE {self._template}")
            Store(self.url(self._template))
        name = f"store_{next(self._names)}"
        self._admin(f"CREATE DATABASE {name} TEMPLATE {self._template} STRATEGY FILE_COPY")
        return self.url(name)

    def drop(self, url: str) -> None:
        """Drop a database made by ``database`` (its connections closed first)."""
        self._admin(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")

    def stop(self) -> None:
        """Stop the server and delete its folder (safe to call twice)."""
        if self._running:
            self._running = False
            with contextlib.suppress(RuntimeError):  # already gone: the folder is removed below either way
                self._run("pg_ctl", "stop", "-w", "-m", "immediate", "-D", self.data)
        shutil.rmtree(self.root, ignore_errors=True)
