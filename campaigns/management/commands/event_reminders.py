"""E-mail confirmed registrants the day before their event (each once), and send any
change notice that a publication could not send (a mail server that was down).

Run daily (deploy/: 10:00 Athens time). Idempotent: `reminded_at` and
`notified_sequence` mark what was sent, and core.locks keeps two runs from overlapping.
"""

from django.core.management.base import BaseCommand

from campaigns.event_mail import notify_changes, send_reminders
from core.locks import single_instance


class Command(BaseCommand):
    help = "Remind registrants of tomorrow's events; retry pending change notices."

    @single_instance()
    def handle(self, *args, **options):
        reminded = send_reminders()
        changes = notify_changes()
        self.stdout.write(f"Reminders sent: {reminded}; change notices sent: {changes}")
