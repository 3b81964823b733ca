"""Scheduled jobs run one at a time: a second run while the first holds the job's
PostgreSQL advisory lock does nothing (core.locks)."""

import datetime
import io
import threading
import time

import psycopg
import pytest

from django.core import mail
from django.core.management import call_command
from django.db import connection, connections
from django.utils import timezone

from consultations.factories import CommentFactory, ConsultationPageFactory
from core.locks import advisory_lock, lock_key

SCHEDULED_JOBS = ["publish_scheduled", "send_consultation_digest", "purge_commenter_emails", "notify_stale_listings"]


@pytest.fixture
def other_process_lock(db):
    """hold(name): take the job's lock from another database session, as a concurrent run would."""
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    params.pop("context", None)
    sessions = []

    def hold(name):
        session = psycopg.connect(**{**params, "autocommit": True})
        assert session.execute("SELECT pg_try_advisory_lock(%s)", [lock_key(name)]).fetchone()[0]
        sessions.append(session)
        return session

    yield hold
    for session in sessions:
        session.close()


def wait_until_free(name, seconds=10):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        with advisory_lock(name) as acquired:
            if acquired:
                return
        time.sleep(0.05)
    raise AssertionError(f"the lock {name} was not released")


def run(name, *args):
    out, err = io.StringIO(), io.StringIO()
    call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("job", SCHEDULED_JOBS)
def test_each_scheduled_job_skips_while_another_run_holds_its_lock(job, other_process_lock, site_tree):
    other_process_lock(job)
    out, err = run(job)
    assert "another run holds the lock" in err
    assert out == ""


def test_the_digest_is_sent_once_when_a_second_run_overlaps(other_process_lock, site_tree):
    from django.contrib.auth import get_user_model

    from consultations.setup import ensure_consultations_section, ensure_moderators_group

    ensure_consultations_section(site_tree)
    moderator = get_user_model().objects.create_user("moderator", "moderator@example.org", "pw")
    moderator.groups.add(ensure_moderators_group())
    CommentFactory(consultation=ConsultationPageFactory(), text="Προς έλεγχο")

    session = other_process_lock("send_consultation_digest")
    run("send_consultation_digest")
    assert mail.outbox == []  # the holder is sending it
    session.execute("SELECT pg_advisory_unlock(%s)", [lock_key("send_consultation_digest")])
    run("send_consultation_digest")
    assert len(mail.outbox) == 1
    run("send_consultation_digest")
    assert len(mail.outbox) == 1  # idempotent: nothing new to tell


def test_the_purge_waits_for_the_lock_then_erases(other_process_lock, site_tree):
    consultation = ConsultationPageFactory(
        results_published=True, results_published_at=timezone.now() - datetime.timedelta(days=400)
    )
    comment = CommentFactory(consultation=consultation, status="approved")
    session = other_process_lock("purge_commenter_emails")
    run("purge_commenter_emails", "--days", "180")
    comment.refresh_from_db()
    assert comment.email != ""
    session.close()  # a killed holder: PostgreSQL releases the lock with its session...
    wait_until_free("purge_commenter_emails")  # ...once the server has seen it go
    run("purge_commenter_emails", "--days", "180")
    comment.refresh_from_db()
    assert comment.email == ""


def test_two_concurrent_runs_do_the_work_once(db):
    """Two threads, two database sessions, started together: one works, the other skips."""
    barrier = threading.Barrier(2)
    worked, skipped = [], []

    def job():
        try:
            barrier.wait()
            with advisory_lock("test-concurrent-job") as acquired:
                if acquired:
                    worked.append(threading.get_ident())
                    time.sleep(0.5)  # still working when the other one tries
                else:
                    skipped.append(threading.get_ident())
        finally:
            connections.close_all()

    threads = [threading.Thread(target=job) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(worked) == 1 and len(skipped) == 1
    # Released afterwards: the next run works.
    with advisory_lock("test-concurrent-job") as acquired:
        assert acquired


def test_lock_keys_are_stable_and_distinct():
    assert lock_key("send_consultation_digest") == lock_key("send_consultation_digest")
    assert lock_key("send_consultation_digest") != lock_key("purge_commenter_emails")
    assert -(2**63) <= lock_key("x") < 2**63
