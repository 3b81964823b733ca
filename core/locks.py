"""One run at a time for scheduled jobs, through a PostgreSQL advisory lock.

Timers fire again while a slow run is still going, an operator starts a job by hand
while cron starts it too, two servers share one database: a job that sends e-mails
must then not send them twice. Each command's `handle` is wrapped in
`single_instance`, which takes a session-level advisory lock named after the job
(`pg_try_advisory_lock`) and skips the run, saying so, when another process holds
it. PostgreSQL releases the lock when the holder's connection ends, so a killed job
never leaves it stuck, and it needs no table, file or extra service.
"""

import functools
import hashlib
from contextlib import contextmanager

from django.db import connections

LOCK_NAMESPACE = "koinonia:"


def lock_key(name):
    """A stable signed 64-bit key for `name` (PostgreSQL's advisory locks take a bigint)."""
    digest = hashlib.blake2b((LOCK_NAMESPACE + name).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


@contextmanager
def advisory_lock(name, using="default"):
    """Try to take the advisory lock `name`; yield True if taken (released on exit), False if another holds it."""
    key = lock_key(name)
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        acquired = cursor.fetchone()[0]
    try:
        yield acquired
    finally:
        if acquired:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


def single_instance(name=None):
    """Decorate a management command's `handle` so that only one run of the job works at a time.

    A second run started while the first holds the lock writes a notice to stderr and
    returns without doing anything (exit status 0: the work is being done).
    """

    def decorate(handle):
        @functools.wraps(handle)
        def wrapper(command, *args, **options):
            job = name or command.__class__.__module__.rsplit(".", 1)[-1]
            with advisory_lock(job) as acquired:
                if not acquired:
                    command.stderr.write(f"{job}: another run holds the lock; this run did nothing.")
                    return None
                return handle(command, *args, **options)

        return wrapper

    return decorate


def transaction_lock(name, using="default"):
    """Wait for the advisory lock `name` until the current transaction ends.

    For check-then-create sequences in a request ("no other import is running, so
    queue this one"): two requests at the same moment both saw nothing running. Call
    inside `transaction.atomic()`; the second request waits for the first to commit,
    then sees its row.
    """
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_key(name)])
