"""A throw-away PostgreSQL server started from Debian's `postgresql` package binaries.

Usage: `server = PostgresServer.find()` (None when the binaries are missing), `server.start()`,
`server.create_database()` for a fresh database URL, `server.stop()` at the end.
initdb refuses to run as root, so as root the server runs as the `postgres` system user.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

USER = "tandem"
_SYSTEM_USER = "postgres"


def find_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/*/bin holding initdb and pg_ctl, if any."""
    candidates = [
        path
        for path in Path("/usr/lib/postgresql").glob("*/bin")
        if (path / "initdb").exists() and (path / "pg_ctl").exists()
    ]
    numbered = [path for path in candidates if path.parent.name.isdigit()]
    return max(numbered, key=lambda path: int(path.parent.name), default=None)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


class PostgresServer:
    """One PostgreSQL cluster in a temporary directory, listening on 127.0.0.1 only."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        self.port = 0
        self._root: Path | None = None

    @classmethod
    def find(cls) -> PostgresServer | None:
        """A server on the installed binaries, or None when PostgreSQL is not installed."""
        bin_dir = find_bin_dir()
        return None if bin_dir is None else cls(bin_dir)

    @property
    def url(self) -> str:
        """The URL of the `postgres` maintenance database (asyncpg driver)."""
        return self.url_of("postgres")

    def url_of(self, database: str) -> str:
        """The URL of one database on this server (asyncpg driver)."""
        return f"postgresql+asyncpg://{USER}@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        """Create the cluster (fsync off: it is thrown away) and start it on a free port."""
        self._root = Path(tempfile.mkdtemp(prefix="tandem-pg-"))
        try:
            self._hand_over(self._root)
            self._run(
                "initdb", "-D", str(self._data), "-U", USER, "--auth=trust", "-E", "UTF8",
                "--no-sync", "--no-instructions",
            )  # fmt: skip
            self._start_on_a_free_port(self._root)
        except BaseException:
            self.stop()
            raise

    def _start_on_a_free_port(self, root: Path) -> None:
        # Another process may take the probed port before the server binds it: try again.
        for attempt in range(3):
            self.port = _free_port()
            options = f"-k {root} -p {self.port} -h 127.0.0.1 -F -c full_page_writes=off"
            started = self._run(
                "pg_ctl", "-D", str(self._data), "-l", str(root / "server.log"),
                "-w", "-t", "30", "-o", options, "start", check=attempt == 2,
            )  # fmt: skip
            if started:
                return

    def stop(self) -> None:
        """Stop the server at once and delete its files."""
        if self._root is None:
            return
        if (self._data / "postmaster.pid").exists():
            self._run("pg_ctl", "-D", str(self._data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self._root, ignore_errors=True)
        self._root = None

    def create_database(self, prefix: str = "t") -> str:
        """Create an empty database and return its URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        # FILE_COPY (PostgreSQL 15+) is faster than the default WAL_LOG for tiny databases.
        fast = ["--strategy=file_copy"] if int(self.bin_dir.parent.name) >= 15 else []
        command = [str(self.bin_dir / "createdb"), *fast, "-h", "127.0.0.1", "-p", str(self.port)]
        subprocess.run([*command, "-U", USER, name], capture_output=True, text=True, check=True)
        return self.url_of(name)

    def __enter__(self) -> PostgresServer:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    @property
    def _data(self) -> Path:
        if self._root is None:
            raise RuntimeError("the server is not started")
        return self._root / "data"

    def _hand_over(self, root: Path) -> None:
        if os.geteuid() != 0:
            return
        try:
            account = pwd.getpwnam(_SYSTEM_USER)
        except KeyError as missing:
            raise RuntimeError(
                f"running as root, but there is no {_SYSTEM_USER!r} user to run initdb as"
            ) from missing
        os.chown(root, account.pw_uid, account.pw_gid)

    def _run(self, program: str, *args: str, check: bool = True) -> bool:
        command = [str(self.bin_dir / program), *args]
        if os.geteuid() == 0:
            command = ["runuser", "-u", _SYSTEM_USER, "--", *command]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 and check:
            raise RuntimeError(f"{program} failed ({done.returncode}): {self._explain(done)}")
        return done.returncode == 0

    def _explain(self, done: subprocess.CompletedProcess[str]) -> str:
        log = self._root / "server.log" if self._root else None
        tail = log.read_text()[-2000:] if log and log.exists() else ""
        return f"{done.stdout}\n{done.stderr}\n{tail}".strip()
