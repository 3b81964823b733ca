"""Backups (portal/backups.py, manage.py backup / restore), performed for real on a
fresh embedded PostgreSQL of the test's own: back up, wipe, restore, and the site
serves the same pages and the same comments. Then retention and damaged backups."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

import psycopg
import pytest

BASE_DIR = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(BASE_DIR / "scripts"))

from prodstack import Cluster  # noqa: E402

DATABASE = "koinonia_backup_test"

# Builds a small real site: a consultation with approved, pending and rejected
# comments (one with an e-mail: restored, never shown), and an uploaded image.
SEED = textwrap.dedent(
    """
    from django.core.files.images import ImageFile
    from wagtail.images.models import Image
    from consultations.factories import CommentFactory, ConsultationPageFactory
    from directory.loaders import load_areas, load_taxonomies
    from portal.bootstrap import ensure_site_tree
    import io, struct, zlib
    ensure_site_tree(); load_areas(); load_taxonomies()
    page = ConsultationPageFactory(title="Σχέδιο δράσης για τους άστεγους", slug="schedio-astegon")
    for n, status in enumerate(["approved", "approved", "pending", "rejected"]):
        CommentFactory(consultation=page, status=status, text=f"Σχόλιο {n} ({status}): στέγαση πρώτα.")
    def png():
        raw = b"".join(b"\\x00" + b"\\xff\\x00\\x00" * 4 for _ in range(4))
        def chunk(kind, data):
            return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        return (b"\\x89PNG\\r\\n\\x1a\\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    Image.objects.create(title="Χάρτης", file=ImageFile(io.BytesIO(png()), name="chartis.png"))
    print("seeded")
    """
)

# What a visitor sees and what is stored: pages' status and text, the comments, the media.
SNAPSHOT = textwrap.dedent(
    """
    import hashlib, json, re
    from django.conf import settings
    from django.test import Client
    from consultations.models import Comment, ConsultationPage
    from wagtail.images.models import Image
    client = Client(HTTP_HOST="localhost")
    page = ConsultationPage.objects.get(slug="schedio-astegon")
    def visible(path):
        response = client.get(path)
        html = response.content.decode()
        # Tokens that differ on every request: the CSRF token and the comment form's submission token.
        html = re.sub(r'name="(csrfmiddlewaretoken|submission_token)" value="[^"]*"', "", html)
        return {"status": response.status_code, "sha256": hashlib.sha256(html.encode()).hexdigest(), "html": html}
    pages = {path: visible(path) for path in ["/el/", page.url, page.url + "comments/"]}
    image = Image.objects.get(title="Χάρτης")
    print(json.dumps({
        "pages": pages,
        "comments": list(Comment.objects.order_by("pk").values_list("pk", "status", "text", "email")),
        "image": [image.file.name, hashlib.sha256((settings.MEDIA_ROOT / image.file.name).read_bytes()).hexdigest()],
    }))
    """
)


@pytest.fixture(scope="module")
def fresh_site():
    """manage(*args) on a fresh embedded cluster and media folder of this module's own.

    Not under pytest's tmp_path: another pytest session on the machine deletes old
    pytest-of-<user> folders, and with them a running cluster's data."""
    root = Path(tempfile.mkdtemp(prefix="koinonia-test-backup-"))
    cluster = Cluster(root / "pgdata").start()
    cluster.ensure_database(DATABASE)
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "portal.settings.dev",
            "DJANGO_DEBUG": "0",
            "DATABASE_URL": cluster.database_url(DATABASE),
            "MEDIA_ROOT": str(root / "media"),
            "KOINONIA_BACKUP_DIR": str(root / "backups"),
        }
    )

    def manage(*args, stdin=None):
        result = subprocess.run(  # noqa: S603 (our own manage.py)
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
            timeout=900,
        )
        assert result.returncode == 0, f"manage.py {args[0]}: {result.stdout[-2000:]}{result.stderr[-3000:]}"
        return result.stdout

    manage("migrate", "--noinput", "-v", "0")
    assert "seeded" in manage("shell", "-c", SEED)
    manage.cluster, manage.root = cluster, root
    yield manage
    cluster.stop()
    shutil.rmtree(root, ignore_errors=True)


def snapshot(manage):
    return json.loads(manage("shell", "-c", SNAPSHOT).strip().splitlines()[-1])


def wipe(cluster, media_root):
    """Lose everything: drop the database and create it empty; delete the media files."""
    with psycopg.connect(host=cluster.socket_dir, port=cluster.port, user="postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE "{DATABASE}" WITH (FORCE)')
        conn.execute(f"CREATE DATABASE \"{DATABASE}\" TEMPLATE template0 ENCODING 'UTF8'")
    shutil.rmtree(media_root)


def test_backup_wipe_restore_serves_the_same_pages_and_comments(fresh_site):
    manage, root = fresh_site, fresh_site.root
    before = snapshot(manage)
    assert all(page["status"] == 200 for page in before["pages"].values())
    assert [c[1] for c in before["comments"]] == ["approved", "approved", "pending", "rejected"]
    comments_page = next(page for path, page in before["pages"].items() if path.endswith("comments/"))
    assert "Σχόλιο 0 (approved)" in comments_page["html"] and "Σχόλιο 2 (pending)" not in comments_page["html"]

    out = manage("backup", "--keep", "3")
    folder = Path(out.split("Backup written: ")[1].split()[0])
    assert {p.name for p in folder.iterdir()} == {"database.dump", "media.tar.gz", "manifest.json"}
    assert oct(folder.stat().st_mode & 0o777) == "0o700"

    wipe(manage.cluster, root / "media")
    with pytest.raises(AssertionError):
        snapshot(manage)  # nothing left to serve

    manage("restore", str(folder), "--noinput")
    after = snapshot(manage)
    assert after["comments"] == before["comments"]  # same ids, statuses, texts, e-mails
    assert after["image"] == before["image"]
    for path, page in before["pages"].items():
        assert after["pages"][path]["status"] == page["status"], path
        assert after["pages"][path]["sha256"] == page["sha256"], path

    # Restoring on top of a working database works too (what an operator does after a bad import).
    manage("restore", str(folder), "--noinput")
    assert snapshot(manage)["comments"] == before["comments"]


def test_retention_keeps_the_newest_backups(fresh_site):
    manage, backups = fresh_site, fresh_site.root / "backups"
    for stale in ["2020-01-01_030000", "2020-01-02_030000", "2020-01-03_030000", "2020-01-04_030000"]:
        (backups / stale).mkdir(parents=True)
        (backups / stale / "manifest.json").write_text("{}")
    (backups / "not-a-backup").mkdir()
    (backups / "2020-01-05_030000.partial").mkdir()  # a crashed run's leftover: never counted, then deleted
    real_before = [p.name for p in backups.iterdir() if p.name.startswith("20") and not p.name.startswith("2020")]
    manage("backup", "--keep", str(len(real_before) + 4))  # the earlier ones, this one and three more
    kept = {p.name for p in backups.iterdir()}
    assert {"2020-01-02_030000", "2020-01-03_030000", "2020-01-04_030000"} <= kept
    assert "2020-01-01_030000" not in kept  # the oldest went
    assert set(real_before) <= kept
    assert "not-a-backup" in kept  # not ours: not counted, not touched
    assert "2020-01-05_030000.partial" not in kept  # older than the backup just written

    manage("backup", "--keep", "10", "--keep-days", "30")
    kept = {p.name for p in backups.iterdir()}
    assert not any(name.startswith("2020-01-0") and not name.endswith(".partial") for name in kept)
    assert set(real_before) <= kept


def test_a_damaged_backup_is_refused_before_anything_is_touched(fresh_site):
    manage, backups = fresh_site, fresh_site.root / "backups"
    before = snapshot(manage)
    folder = sorted(p for p in backups.iterdir() if (p / "database.dump").exists())[-1]
    with open(folder / "database.dump", "r+b") as dump:
        dump.seek(100)
        dump.write(b"corrupted")
    with pytest.raises(AssertionError, match="damaged"):
        manage("restore", str(folder), "--noinput")
    with pytest.raises(AssertionError, match="not a backup folder"):
        manage("restore", str(backups / "not-a-backup"), "--noinput")
    assert snapshot(manage)["comments"] == before["comments"]


def make_folders(root, *names):
    for name in names:
        (root / name).mkdir(parents=True)
        if not name.endswith(".partial"):
            (root / name / "manifest.json").write_text("{}")


def test_retention_deletes_unfinished_backups_left_by_crashed_runs(tmp_path):
    """A `.partial` folder older than the newest complete backup, or than a day, is a
    dead run's (and a dump of people's data): the retention step deletes it. One newer
    than every complete backup and started within the day may be a run in progress."""
    import datetime

    from django.utils import timezone

    from portal.backups import prune

    make_folders(
        tmp_path,
        "2026-03-01_030000",
        "2026-03-02_030000",
        "2026-03-01_120000.partial",  # before the newest complete one: dead
        "2026-03-02_040000.partial",  # after it, 23 hours ago: maybe running, kept
        "2026-02-27_030000.partial",  # before every complete one
        "misc.partial",  # not a backup name: not ours
        "2026-13-45_999999.partial",  # nor this
    )
    (tmp_path / "2026-03-02_050000.partial").write_text("a file, not a folder")
    now = timezone.make_aware(datetime.datetime(2026, 3, 3, 3, 0))
    deleted = prune(tmp_path, keep=14, now=now)
    assert [p.name for p in deleted] == ["2026-02-27_030000.partial", "2026-03-01_120000.partial"]
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "2026-03-01_030000",
        "2026-03-02_030000",
        "2026-03-02_040000.partial",
        "2026-03-02_050000.partial",
        "2026-13-45_999999.partial",
        "misc.partial",
    ]

    # A day and a bit later, with still no newer backup: that run is dead too.
    later = now + datetime.timedelta(hours=2)
    assert [p.name for p in prune(tmp_path, keep=14, now=later)] == ["2026-03-02_040000.partial"]


def test_unfinished_backups_go_even_when_no_backup_ever_finished(tmp_path):
    import datetime

    from django.utils import timezone

    from portal.backups import prune

    make_folders(tmp_path, "2026-03-01_030000.partial", "2026-03-03_020000.partial")
    now = timezone.make_aware(datetime.datetime(2026, 3, 3, 3, 0))
    assert [p.name for p in prune(tmp_path, keep=3, now=now)] == ["2026-03-01_030000.partial"]
    assert [p.name for p in tmp_path.iterdir()] == ["2026-03-03_020000.partial"]
