"""A throw-away PostgreSQL cluster for the tests, from Debian's binaries (no container, no network).

initdb refuses to run as root, so as root the cluster belongs to the `postgres` system user.
Password authentication is on for TCP, so a wrong password really fails.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

USER = "chronik"
PASSWORD = "chronik-test"


def bin_dir() -> Path | None:
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4])
    )
    if candidates:
        return Path(candidates[-1]).parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    root: Path
    port: int
    bindir: Path
    run_as: str | None
    shared_buffers: str = (
        "128MB"  # PostgreSQL's default; benchmarks give it what a server would have
    )

    def url(self, database: str = "postgres", password: str = PASSWORD) -> str:
        return f"postgresql+psycopg://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        command = [str(self.bindir / args[0]), *args[1:]]
        if self.run_as:
            command = ["runuser", "-u", self.run_as, "--", *command]
        return subprocess.run(command, capture_output=True, text=True, timeout=120, check=True)

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user={USER} password={PASSWORD} dbname=postgres",
            autocommit=True,
        ) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def start_server(self) -> None:
        options = (
            f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off "
            f"-c full_page_writes=off -c shared_buffers={self.shared_buffers}"
        )
        self._run(
            "pg_ctl",
            "-D",
            str(self.root / "data"),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )

    def restart(self) -> None:
        """Fast stop and start: open connections are cut, as in a failover or a maintenance
        restart."""
        self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "fast", "-w", "stop")
        time.sleep(1)
        self.start_server()

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.root / "data"), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


def start(shared_buffers: str = "128MB") -> Cluster:
    bindir = bin_dir()
    if bindir is None:
        raise FileNotFoundError(
            "PostgreSQL binaries (initdb) not found; `make test` installs Debian's postgresql"
        )
    run_as = "postgres" if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="chronik-pg-"))
    (root / "pw").write_text(PASSWORD + "\n")
    if run_as:
        user = pwd.getpwnam(run_as)
        for path in (root, root / "pw"):
            os.chown(path, user.pw_uid, user.pw_gid)
    cluster = Cluster(root, _free_port(), bindir, run_as, shared_buffers)
    cluster._run(
        "initdb",
        "-D",
        str(root / "data"),
        "-U",
        USER,
        f"--pwfile={root / 'pw'}",
        "--auth-local=trust",
        "--auth-host=scram-sha-256",
        "-E",
        "UTF8",
        "--locale=C.UTF-8",
    )
    cluster.start_server()
    return cluster
