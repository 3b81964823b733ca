"""Lapse offers of freed places that were not accepted in time, and offer those places
to the next people on the waiting list (by e-mail, with a new time limit).

Run often (deploy/: every 15 minutes). Idempotent and single-instance (core.locks):
an offer lapses once, and each new offer is made under the event's row lock.
"""

from django.core.management.base import BaseCommand

from campaigns.event_mail import send_offers
from campaigns.registration import lapse_offers
from core.locks import single_instance


class Command(BaseCommand):
    help = "Lapse unanswered offers of freed event places and offer them to the next on the waiting list."

    @single_instance()
    def handle(self, *args, **options):
        lapsed, offers = lapse_offers()
        send_offers(offers)
        self.stdout.write(f"Offers lapsed: {len(lapsed)}; new offers: {len(offers)}")
