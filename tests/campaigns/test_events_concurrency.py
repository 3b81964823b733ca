"""Places are never given twice: people registering at the same moment, each through
their own database connection, against committed data (transactional_db)."""

import random
import threading

from django.db import connection

from campaigns import registration
from campaigns.factories_events import EventPageFactory
from campaigns.models.events import EventRegistration


def register_at_once(event, groups):
    """Each group registers in its own thread and connection, all released together."""
    barrier = threading.Barrier(len(groups))
    errors = []

    def worker(n, people):
        try:
            barrier.wait(timeout=30)
            registration.register(event, {"name": f"Person {n}", "email": f"p{n}@example.org", "people": people}, "el")
        except Exception as exc:  # noqa: BLE001 - reported by the test below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(n, people)) for n, people in enumerate(groups)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def test_twenty_people_for_five_places_five_registered_fifteen_waiting(committed_site):
    event = EventPageFactory(capacity=5, max_group_size=1)
    errors = register_at_once(event, [1] * 20)
    assert errors == []
    statuses = list(EventRegistration.objects.filter(event=event).values_list("status", flat=True))
    assert len(statuses) == 20
    assert statuses.count("confirmed") == 5
    assert statuses.count("waiting") == 15


def test_groups_of_different_sizes_never_go_over_capacity(committed_site):
    event = EventPageFactory(capacity=9, max_group_size=4)
    rng = random.Random(7)
    sizes = [rng.randint(1, 4) for _ in range(16)]
    errors = register_at_once(event, sizes)
    assert errors == []
    assert EventRegistration.objects.filter(event=event).count() == 16
    assert registration.places_held(event) <= 9
