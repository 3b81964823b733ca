"""E-mail moderators the comments that entered the queue since the last digest (run from cron)."""

from django.core.management.base import BaseCommand

from consultations.notifications import pending_results_notifications, send_moderation_digest
from core.locks import single_instance


class Command(BaseCommand):
    help = "Send moderators a digest of new comments to moderate, and any pending results notices."

    @single_instance()
    def handle(self, *args, **options):
        comments, emails = send_moderation_digest()
        self.stdout.write(f"Digest: {comments} comments, {emails} e-mails")
        self.stdout.write(f"Results notices sent: {pending_results_notifications()}")
