"""Send queued newsletter issues to their subscribers, in batches (run from cron every 10 minutes).

Safe to run twice at once (an advisory lock: the second run does nothing) and to run
again after a crash (per-recipient markers: nobody gets an issue twice). See
campaigns/newsletter_sending.py.
"""

from django.core.management.base import BaseCommand

from campaigns.newsletter_sending import DEFAULT_BATCH_SIZE, DEFAULT_PAUSE_SECONDS, send_queued_issues
from core.locks import single_instance


class Command(BaseCommand):
    help = "Send queued newsletter issues to the confirmed subscribers of their language, in batches."

    def add_arguments(self, parser):
        parser.add_argument("--batch-size", type=int, default=DEFAULT_BATCH_SIZE, help="e-mails per batch")
        parser.add_argument(
            "--pause", type=float, default=DEFAULT_PAUSE_SECONDS, help="seconds to wait between batches"
        )

    @single_instance()
    def handle(self, *args, batch_size=DEFAULT_BATCH_SIZE, pause=DEFAULT_PAUSE_SECONDS, **options):
        if batch_size < 1 or pause < 0:
            self.stderr.write("--batch-size must be 1 or more and --pause 0 or more")
            return
        logs = send_queued_issues(batch_size=batch_size, pause=pause, stdout=self.stdout)
        if not logs:
            self.stdout.write("No newsletter issue queued.")
        for log in logs:
            if log.note:
                self.stdout.write(f"Issue {log.issue.pk} “{log.issue.subject}”: {log.note}")
                continue
            state = "done" if log.issue.status == "sent" else "to be continued at the next run"
            self.stdout.write(
                f"Issue {log.issue.pk} “{log.issue.subject}” ({log.issue.language}): "
                f"{log.sent} sent, {log.failed} failed in this run; {log.issue.sent_count} in all; {state}"
            )
