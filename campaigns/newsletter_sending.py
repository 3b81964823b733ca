"""Sending a queued newsletter issue to its subscribers, in batches, resumable, once each.

`send_newsletter` (cron) calls `send_queued_issues`. For each queued issue it takes
the confirmed subscribers of the issue's language (and topics) who confirmed before
the issue was queued and have no delivery marker yet, in order of id, N at a time;
each e-mail goes through Django's e-mail backend and, once the backend took it, its
marker is written. A run that dies (a crash, a lost SMTP connection) leaves the
markers of everything already sent: the next run sends to the others only. A failed
address is counted (in the run's log and on its marker) and retried at the next run,
MAX_DELIVERY_ATTEMPTS times in all, then given up: a dead mailbox must not keep the
issue queued and retried every run for ever. When nobody is left to try the issue is
marked sent, and its markers (which tie addresses to what they received) are deleted:
the counts stay in the issue and in its IssueSend log, one row per run.

Every message carries a one-click unsubscribe link (RFC 8058): `List-Unsubscribe`
with the signed HTTPS URL and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`,
plain text with an HTML alternative.
"""

import logging
import time

from django.core.mail import EmailMultiAlternatives, get_connection
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_noop

from wagtail.models import Locale

from campaigns.models.newsletter import (
    MAX_DELIVERY_ATTEMPTS,
    IssueSend,
    IssueStatus,
    NewsletterDelivery,
    NewsletterIssue,
    Subscriber,
)
from campaigns.newsletter import absolute, unsubscribe_url
from directory.locale_fallback import url_in_locale

logger = logging.getLogger(__name__)

DEFAULT_BATCH_SIZE = 100
DEFAULT_PAUSE_SECONDS = 1.0
SUMMARY_FIELDS = ("summary", "search_description", "intro", "introduction")


def recipients(issue):
    """Subscribers this issue is still to reach, in a stable order.

    Not those who have it, nor those whose address failed MAX_DELIVERY_ATTEMPTS times.
    """
    subscribers = Subscriber.objects.filter(language=issue.language)
    if issue.queued_at:
        subscribers = subscribers.filter(confirmed_at__lte=issue.queued_at)
    if issue.topics:
        subscribers = subscribers.filter(topics__overlap=issue.topics)
    done = Q(sent_at__isnull=False) | Q(failures__gte=MAX_DELIVERY_ATTEMPTS)
    delivered = NewsletterDelivery.objects.filter(done, issue=issue).values("subscriber_id")
    return subscribers.exclude(pk__in=delivered).order_by("pk")


def audience_size(issue):
    """How many subscribers the issue would reach if queued now (shown before sending)."""
    subscribers = Subscriber.objects.filter(language=issue.language)
    if issue.topics:
        subscribers = subscribers.filter(topics__overlap=issue.topics)
    return subscribers.count()


def page_in_language(page, language):
    """The issue's page in the subscribers' language if it has a live translation, else the page."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is not None and page.locale_id != locale.pk:
        translated = page.get_translation_or_none(locale)
        if translated is not None and translated.live:
            return translated.specific
    return page.specific


def page_summary(page):
    for name in SUMMARY_FIELDS:
        value = getattr(page, name, "")
        if isinstance(value, str) and value.strip():
            return strip_tags(value).strip()
    return ""


class IssueMessages:
    """Renders one issue once per language and makes each subscriber's message from it."""

    def __init__(self, issue):
        self.issue = issue
        page = page_in_language(issue.page, issue.language)
        locale = Locale.objects.filter(language_code=issue.language).first()
        # The translation, or the page at its address in the reader's language (never a jump to /el/).
        url = url_in_locale(issue.page.specific, locale) if locale else page.get_url()
        self.context = {
            "issue": issue,
            "page": page,
            "page_title": page.title,
            "summary": page_summary(page),
            "page_url": absolute(url),
            "language": issue.language,
            # A page with no translation is presented in its own language: marked so.
            "content_language": page.locale.language_code,
        }

    def message(self, subscriber, connection=None):
        url = unsubscribe_url(subscriber)
        context = {**self.context, "unsubscribe_url": url}
        with translation.override(self.issue.language):
            text = render_to_string("campaigns/emails/newsletter_issue.txt", context)
            html = render_to_string("campaigns/emails/newsletter_issue.html", context)
        message = EmailMultiAlternatives(
            self.issue.subject,
            text,
            to=[subscriber.email],
            connection=connection,
            headers={"List-Unsubscribe": f"<{url}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        message.attach_alternative(html, "text/html")
        return message


def record_failure(issue, subscriber):
    """Count one more failed attempt to send `issue` to `subscriber` on its marker."""
    marker, created = NewsletterDelivery.objects.get_or_create(
        issue=issue, subscriber=subscriber, defaults={"sent_at": None, "failures": 1}
    )
    if not created:
        NewsletterDelivery.objects.filter(pk=marker.pk).update(failures=F("failures") + 1)


def send_issue(issue, batch_size=DEFAULT_BATCH_SIZE, pause=DEFAULT_PAUSE_SECONDS, now=None, stdout=None):
    """Send `issue` to everyone it has not reached yet; log the run. Returns the IssueSend."""
    log = IssueSend.objects.create(issue=issue, started_at=now or timezone.now())
    builder = IssueMessages(issue)
    connection = get_connection()
    last_pk = 0
    try:
        while True:
            batch = list(recipients(issue).filter(pk__gt=last_pk)[:batch_size])
            if not batch:
                break
            connection.open()
            try:
                for subscriber in batch:
                    last_pk = subscriber.pk
                    try:
                        builder.message(subscriber, connection).send()
                    except Exception:  # noqa: BLE001 - one bad address must not stop the others
                        logger.exception(
                            "newsletter issue %s: sending to subscriber %s failed", issue.pk, subscriber.pk
                        )
                        log.failed += 1
                        record_failure(issue, subscriber)
                        continue
                    NewsletterDelivery.objects.update_or_create(
                        issue=issue, subscriber=subscriber, defaults={"sent_at": timezone.now()}
                    )
                    log.sent += 1
            finally:
                connection.close()
            log.save(update_fields=["sent", "failed"])
            if stdout:
                stdout.write(f"issue {issue.pk}: {log.sent} sent, {log.failed} failed so far")
            if pause and len(batch) == batch_size:
                time.sleep(pause)
    finally:
        log.finished_at = timezone.now()
        log.save(update_fields=["sent", "failed", "finished_at"])
        NewsletterIssue.objects.filter(pk=issue.pk).update(sent_count=issue.sent_count + log.sent)
        issue.sent_count += log.sent
    if not recipients(issue).exists():
        issue.status = IssueStatus.SENT
        issue.sent_at = log.finished_at
        issue.save(update_fields=["status", "sent_at"])
        NewsletterDelivery.objects.filter(issue=issue).delete()
    return log


PAGE_DELETED = gettext_noop("The page of this issue was deleted; nothing was sent. Choose another page and send again.")
PAGE_UNPUBLISHED = gettext_noop("The page of this issue is not published; nothing was sent. Publish it and send again.")


def unsendable(issue):
    """Why `issue` cannot go out now ("" if it can): its page was deleted or unpublished.

    In English, as stored in the log's note; the admin translates it when it shows it.
    """
    if issue.page is None:
        return PAGE_DELETED
    if not issue.page.live:
        return PAGE_UNPUBLISHED
    return ""


def send_queued_issues(batch_size=DEFAULT_BATCH_SIZE, pause=DEFAULT_PAUSE_SECONDS, stdout=None):
    """Send every queued issue, oldest first. Returns the IssueSend rows of this run.

    An issue whose page is gone or unpublished (its link would be a 404) goes back to
    draft, with the reason in its log, before anyone receives it; one already half sent
    stays queued and is retried when the page is back.
    """
    logs = []
    for issue in NewsletterIssue.objects.filter(status=IssueStatus.QUEUED).select_related("page").order_by("queued_at"):
        problem = unsendable(issue)
        if problem:
            now = timezone.now()
            logs.append(IssueSend.objects.create(issue=issue, started_at=now, finished_at=now, note=problem))
            if not issue.sent_count:
                issue.status = IssueStatus.DRAFT
                issue.save(update_fields=["status"])
            continue
        logs.append(send_issue(issue, batch_size=batch_size, pause=pause, stdout=stdout))
    return logs
