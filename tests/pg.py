"""A real PostgreSQL server for the tests: the one named by $INSPECTOR_TEST_PG_URL, else a throwaway
cluster started with Debian's initdb/pg_ctl in a temporary directory, listening on a unix socket only.

Debian installs the server programs under /usr/lib/postgresql/<version>/bin (not on PATH). PostgreSQL
refuses to run as root, so when the tests run as root (CI does) the cluster is created and run as the
`postgres` user (or `nobody`) through runuser. The cluster runs without fsync: it is thrown away.

Each test gets a database of its own: `create_database()` copies a template already migrated to head
(CREATE DATABASE ... TEMPLATE is a file copy, far faster than replaying the migrations), or an empty
one (`migrated=False`) for the tests of the migrations themselves.
"""

from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL, make_url

ENV_URL = "INSPECTOR_TEST_PG_URL"
USER = "inspector"
TEMPLATE = f"inspector_cases_head_{os.getpid()}"  # one per test run, should two share a server
RUN_AS = ("postgres", "nobody")


class NoPostgres(RuntimeError):
    """No PostgreSQL server programs here and no server named: the PostgreSQL tests skip, saying so."""


class PgStartError(RuntimeError):
    """The server programs are there but the throwaway cluster could not be made: the tests fail."""


def server_bin_dir() -> Path | None:
    """The newest /usr/lib/postgresql/<version>/bin holding initdb and pg_ctl, None when not installed."""
    found = [Path(p).parent for p in glob.glob("/usr/lib/postgresql/*/bin/initdb")]
    found = [d for d in found if (d / "pg_ctl").is_file()]
    return max(found, key=lambda d: int(d.parent.name) if d.parent.name.isdigit() else 0, default=None)


def _run_as() -> str | None:
    """The unprivileged user to run the server as when we are root; None when we are not root."""
    if os.geteuid() != 0:
        return None
    for name in RUN_AS:
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    raise PgStartError("running as root and neither the postgres nor the nobody user exists to run PostgreSQL as")


@dataclass
class PgServer:
    """A PostgreSQL server the tests may create databases on (URL of its maintenance database)."""

    url: URL
    owned_dir: Path | None = None  # the throwaway cluster's directory, removed by stop()
    bin_dir: Path | None = None
    user: str | None = None
    _names: itertools.count = field(default_factory=lambda: itertools.count(1))
    _template_ready: bool = False

    def database_url(self, name: str) -> str:
        """The SQLAlchemy URL (psycopg 3) of one database of this server."""
        return self.url.set(database=name).render_as_string(hide_password=False)

    def _admin(self):
        return create_engine(self.url, isolation_level="AUTOCOMMIT")

    def create_database(self, *, migrated: bool = True) -> str:
        """A new database of its own: a copy of the migrated template, or empty; its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        if migrated:
            self._ensure_template()
        engine = self._admin()
        with engine.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{TEMPLATE}"' if migrated else "")))
        engine.dispose()
        return self.database_url(name)

    def drop_database(self, url: str) -> None:
        """Drop a database made by create_database (its connections are ended first)."""
        name = make_url(url).database
        engine = self._admin()
        with engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()

    def _ensure_template(self) -> None:
        """The template database, migrated to the cases head once per session."""
        if self._template_ready:
            return
        from inspector.db.migrate import upgrade

        engine = self._admin()
        with engine.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)'))
            c.execute(text(f'CREATE DATABASE "{TEMPLATE}"'))
        engine.dispose()
        template = create_engine(self.database_url(TEMPLATE))
        upgrade(template, "cases")
        template.dispose()
        self._template_ready = True

    def stop(self) -> None:
        """Stop a throwaway cluster and remove its files (a server named by URL is left running)."""
        if self.owned_dir is None:
            with contextlib.suppress(Exception):
                engine = self._admin()
                with engine.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{TEMPLATE}" WITH (FORCE)'))
                engine.dispose()
            return
        _pg(self, "pg_ctl", "-D", str(self.owned_dir / "data"), "-m", "immediate", "-w", "stop", check=False)
        shutil.rmtree(self.owned_dir, ignore_errors=True)


def _pg(server: PgServer, program: str, *args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Run one server program (as the unprivileged user when we are root)."""
    assert server.bin_dir is not None
    command = [str(server.bin_dir / program), *args]
    if server.user:
        command = ["runuser", "-u", server.user, "--", *command]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, cwd="/")
    if check and done.returncode != 0:
        raise PgStartError(f"{program} failed ({done.returncode}): {done.stderr.strip() or done.stdout.strip()}")
    return done


def start_server() -> PgServer:
    """The server of $INSPECTOR_TEST_PG_URL, else a throwaway cluster; NoPostgres when there are no server
    programs, PgStartError when the cluster cannot be made."""
    given = os.environ.get(ENV_URL)
    if given:
        url = make_url(given)
        if url.drivername in ("postgresql", "postgres"):
            url = url.set(drivername="postgresql+psycopg")
        return PgServer(url)
    bin_dir = server_bin_dir()
    if bin_dir is None:
        raise NoPostgres(f"no PostgreSQL server programs in /usr/lib/postgresql/*/bin (apt-get install postgresql, "
                         f"scripts/system-deps.sh) and {ENV_URL} is not set")
    user = _run_as()
    # /tmp, not $TMPDIR: every directory above the cluster must be open to the user it runs as
    root = Path(tempfile.mkdtemp(prefix="inspector-pg-", dir="/tmp" if user and Path("/tmp").is_dir() else None))
    server = PgServer(URL.create("postgresql+psycopg", username=USER, database="postgres",
                                 query={"host": str(root)}), root, bin_dir, user)
    try:
        if user:
            uid, gid = pwd.getpwnam(user).pw_uid, pwd.getpwnam(user).pw_gid
            os.chown(root, uid, gid)
        _pg(server, "initdb", "-D", str(root / "data"), "-U", USER, "-A", "trust", "-E", "UTF8", "--no-locale",
            "--no-sync")
        options = (f"-k {root} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                   "-c full_page_writes=off -c max_connections=60 -c shared_buffers=32MB")
        _pg(server, "pg_ctl", "-D", str(root / "data"), "-o", options, "-l", str(root / "server.log"), "-w",
            "-t", "60", "start")
        _wait(server)
    except BaseException:
        log = root / "server.log"
        detail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
        server.stop()
        if detail:
            raise PgStartError(f"the throwaway PostgreSQL cluster did not start: {detail}") from None
        raise
    return server


def _wait(server: PgServer, seconds: float = 30.0) -> None:
    """Until the server accepts connections."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            engine = server._admin()
            with engine.connect() as c:
                c.execute(text("SELECT 1"))
            engine.dispose()
            return
        except Exception:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


# ---------------------------------------------------------------- fixtures (imported by tests/inspector/conftest.py)

@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    """The session's PostgreSQL server; the tests that need one skip, saying why, only when no server
    programs are installed (and none is named); a cluster that fails to start fails them."""
    try:
        server = start_server()
    except NoPostgres as exc:
        pytest.skip(f"no PostgreSQL for the tests: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """A database of this test only on the PostgreSQL server, migrated to the cases head; its URL."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def case_db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The case database of this test, once on SQLite (a file in tmp_path) and once on PostgreSQL:
    give it to DataPaths(root, case_db=...) and open_cases."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'cases.sqlite'}"
    return request.getfixturevalue("pg_url")
