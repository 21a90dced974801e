"""A real Virtuoso server for the remote-store tests, started and stopped by the test setup.

Debian's ``virtuoso-opensource`` (installed by ``scripts/setup-system.sh``) runs from a
private folder on two free loopback ports, with the system ``virtuoso.ini`` as template.

The server gets ``RLIMIT_AS`` of :data:`MEMORY_LIMIT_MB` as a backstop for the shared test
machine: Virtuoso bounds neither a string built by a query (its ``MaxQueryMem`` covers the
query's hash tables, not its values) nor stops such a query at its timeout, and at the
limit it dies (``GPF: Dkpool.c … could not allocate memory``), which the tests see. What
keeps it alive is armsgraph refusing such queries first (``graph.store.sparql.check_growth``).
"""

from __future__ import annotations

import re
import resource
import shutil
import socket
import subprocess
import time
from pathlib import Path

import httpx

SYSTEM_INI = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
#: Address space of the test server (MiB).
MEMORY_LIMIT_MB = 4096


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def available() -> str | None:
    """None when Virtuoso can run here, else the reason it cannot."""
    if shutil.which("virtuoso-t") is None or shutil.which("isql-vt") is None:
        return "virtuoso-t not installed (scripts/setup-system.sh installs virtuoso-opensource)"
    if not SYSTEM_INI.exists():
        return f"{SYSTEM_INI} missing"
    return None


class Virtuoso:
    """One Virtuoso process in ``folder``; ``query``, ``update`` and ``crud`` are its URLs."""

    user = "dba"
    password = "dba"

    def __init__(self, folder: Path):
        self.folder = folder
        self.sql_port = free_port()
        self.http_port = free_port()
        base = f"http://127.0.0.1:{self.http_port}"
        self.query = f"{base}/sparql"
        self.update = f"{base}/sparql-auth"
        self.crud = f"{base}/sparql-graph-crud-auth"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 60.0) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        ini = SYSTEM_INI.read_text(encoding="utf-8")
        ini = ini.replace("/var/lib/virtuoso-opensource-7/db/", f"{self.folder}/")
        ini = re.sub(r"(?m)^ServerPort\s*=\s*1111\b", f"ServerPort = {self.sql_port}", ini)
        ini = re.sub(r"(?m)^ServerPort\s*=\s*8890\b", f"ServerPort = {self.http_port}", ini)
        (self.folder / "virtuoso.ini").write_text(ini, encoding="utf-8")
        log = (self.folder / "stdout.log").open("wb")
        self.proc = subprocess.Popen(
            ["virtuoso-t", "+foreground", "+configfile", str(self.folder / "virtuoso.ini")],
            cwd=self.folder, stdout=log, stderr=subprocess.STDOUT,
        )
        limit = MEMORY_LIMIT_MB << 20
        resource.prlimit(self.proc.pid, resource.RLIMIT_AS, (limit, limit))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"virtuoso exited: {(self.folder / 'stdout.log').read_text()}")
            try:
                if httpx.get(self.query, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"virtuoso did not answer on {self.query} within {timeout} s")

    def rss_mb(self) -> int:
        """The server's resident memory (MiB), from /proc."""
        assert self.proc is not None
        with open(f"/proc/{self.proc.pid}/status") as f:
            return next(int(line.split()[1]) // 1024 for line in f
                        if line.startswith("VmRSS:"))

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None
