"""Wagtail's `publish_scheduled`, one run at a time (see core.locks).

Wagtail's command publishes pages and snippets whose go-live time has passed and
unpublishes expired ones. Run every few minutes from a timer, a slow run may still be
going when the next one starts; the lock keeps the second from publishing the same
revisions again (and sending the same signals, purges and e-mails twice). portal
comes before wagtail in INSTALLED_APPS, so this command is the one `manage.py` runs.
"""

from wagtail.management.commands import publish_scheduled

from core.locks import single_instance


class Command(publish_scheduled.Command):
    @single_instance("publish_scheduled")
    def handle(self, *args, **options):
        return super().handle(*args, **options)
