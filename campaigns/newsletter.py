"""The newsletter's work: sign-up with double opt-in, confirmation, unsubscribe, purge, export.

Views and commands call these functions; they hold no HTTP. Links in e-mails carry
signed tokens (django.core.signing) over a random per-row UUID, never a database id:
- the confirmation link is a TimestampSigner signature that expires after
  CONFIRMATION_HOURS; following it once deletes the pending row, so it works once;
- the unsubscribe link is a plain signature that never expires (an old issue's link
  must still work) and needs no login.

Sending issues lives in campaigns/newsletter_sending.py.
"""

import csv
import datetime
import io
import logging

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.models import Locale

from campaigns.models.newsletter import (
    CONFIRMATION_HOURS,
    PENDING_RETENTION_DAYS,
    NewsletterTopic,
    PendingSignup,
    Subscriber,
)
from core.spreadsheets import spreadsheet_safe

logger = logging.getLogger(__name__)

CONFIRM_SALT = "campaigns.newsletter.confirm"
UNSUBSCRIBE_SALT = "campaigns.newsletter.unsubscribe"
#: A second sign-up of the same address within this time sends no second e-mail
#: (the form still answers the same), so the form cannot flood someone's mailbox.
RESEND_AFTER = datetime.timedelta(minutes=10)


class LinkExpired(Exception):
    """The confirmation link was genuine but is older than CONFIRMATION_HOURS."""


class LinkInvalid(Exception):
    """The link was altered, truncated, or its sign-up no longer exists (used or purged)."""


class ConfirmationNotSent(Exception):
    """The e-mail backend refused the confirmation e-mail (SMTP down): nothing was kept."""


def absolute(url):
    """An absolute URL for e-mails, on the site's public base URL."""
    if url and url.startswith("/"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url or ""


# --- topics -----------------------------------------------------------------------


def topics_in(language):
    """[(code, name)] of every topic, named in `language` where translated, else in Greek."""
    default = Locale.get_default()
    topics = {t.code: t for t in NewsletterTopic.objects.filter(locale=default)}
    if language != default.language_code:
        for topic in NewsletterTopic.objects.filter(locale__language_code=language, code__in=list(topics)):
            topics[topic.code] = topic
    return [(t.code, t.name) for t in sorted(topics.values(), key=lambda t: (t.sort_order, t.name))]


# --- tokens -------------------------------------------------------------------------


def confirmation_token(pending):
    return signing.TimestampSigner(salt=CONFIRM_SALT).sign(pending.token.hex)


def pending_for_token(token, now=None):
    """The PendingSignup a confirmation link names; LinkExpired or LinkInvalid otherwise."""
    signer = signing.TimestampSigner(salt=CONFIRM_SALT)
    try:
        value = signer.unsign(token, max_age=datetime.timedelta(hours=CONFIRMATION_HOURS))
    except signing.SignatureExpired as exc:
        raise LinkExpired from exc
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    pending = PendingSignup.objects.filter(token=value).first() if _is_hex_uuid(value) else None
    if pending is None:
        raise LinkInvalid
    now = now or timezone.now()
    if pending.created_at < now - datetime.timedelta(hours=CONFIRMATION_HOURS):
        raise LinkExpired
    return pending


def unsubscribe_token(subscriber):
    return signing.Signer(salt=UNSUBSCRIBE_SALT).sign(subscriber.token.hex)


def token_value(token, salt=UNSUBSCRIBE_SALT):
    """The UUID hex an unsubscribe link carries, or LinkInvalid."""
    try:
        value = signing.Signer(salt=salt).unsign(token)
    except signing.BadSignature as exc:
        raise LinkInvalid from exc
    if not _is_hex_uuid(value):
        raise LinkInvalid
    return value


def _is_hex_uuid(value):
    return len(value) == 32 and all(c in "0123456789abcdef" for c in value)


def unsubscribe_url(subscriber):
    with translation.override(subscriber.language):
        return absolute(reverse("newsletter_unsubscribe", args=[unsubscribe_token(subscriber)]))


# --- sign-up and confirmation -----------------------------------------------------------


def request_signup(email, language, topics, now=None):
    """Record a sign-up awaiting confirmation and e-mail its link. Returns the PendingSignup,
    or None when the same address asked moments ago (no second e-mail then).

    Whether the address is already subscribed makes no difference here: the answer the
    visitor sees is the same, and the owner's confirmation updates the subscription.
    """
    now = now or timezone.now()
    if PendingSignup.objects.filter(email=email, created_at__gt=now - RESEND_AFTER).exists():
        return None
    pending = PendingSignup.objects.create(email=email, language=language, topics=list(topics), created_at=now)
    try:
        send_confirmation_email(pending)
    except Exception as exc:  # noqa: BLE001 - SMTP errors, refused connections, timeouts...
        # A sign-up whose e-mail never left could only wait for a link that never comes.
        logger.exception("newsletter: the confirmation e-mail could not be sent")
        pending.delete()
        raise ConfirmationNotSent from exc
    return pending


def send_confirmation_email(pending):
    with translation.override(pending.language):
        url = absolute(reverse("newsletter_confirm", args=[confirmation_token(pending)]))
        context = {
            "url": url,
            "hours": CONFIRMATION_HOURS,
            "topics": [name for code, name in topics_in(pending.language) if code in pending.topics],
            "signup_url": absolute(reverse("newsletter_signup")),
        }
        subject = render_to_string("campaigns/emails/newsletter_confirm_subject.txt", context).strip()
        body = render_to_string("campaigns/emails/newsletter_confirm.txt", context)
    EmailMessage(subject, body, to=[pending.email]).send()


@transaction.atomic
def confirm(pending, now=None):
    """Make the pending sign-up a subscription (new, or updating the address's language and
    topics) and delete the pending row, with any other unconfirmed sign-ups of the address."""
    now = now or timezone.now()
    pending = PendingSignup.objects.select_for_update().filter(pk=pending.pk).first()
    if pending is None:  # confirmed a moment ago in another request
        raise LinkInvalid
    subscriber, _created = Subscriber.objects.update_or_create(
        email=pending.email,
        defaults={"language": pending.language, "topics": pending.topics, "confirmed_at": now},
    )
    PendingSignup.objects.filter(email=pending.email).delete()
    return subscriber


def unsubscribe(token):
    """Delete the subscriber the link names. True if one was deleted, False if already gone.

    Nothing is kept, not even a hash: an address can only be subscribed again through a
    new sign-up confirmed from its own mailbox, so there is nothing to suppress.
    """
    value = token_value(token)
    deleted, _detail = Subscriber.objects.filter(token=value).delete()
    return bool(deleted)


def subscriber_for_unsubscribe(token):
    return Subscriber.objects.filter(token=token_value(token)).first()


def purge_pending(days=PENDING_RETENTION_DAYS, now=None, dry_run=False):
    """Delete sign-ups never confirmed within `days` days. Returns how many."""
    now = now or timezone.now()
    stale = PendingSignup.objects.filter(created_at__lt=now - datetime.timedelta(days=days))
    if dry_run:
        return stale.count()
    deleted, _detail = stale.delete()
    return deleted


# --- export ------------------------------------------------------------------------------


def subscribers_csv():
    """The confirmed subscribers as CSV text (e-mail, language, topics, confirmed at), formula-safe."""
    from django.utils.translation import gettext as _

    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([_("E-mail"), _("Language"), _("Topics"), _("Confirmed at")])
    athens = timezone.get_default_timezone()
    for subscriber in Subscriber.objects.order_by("confirmed_at", "pk").iterator():
        writer.writerow(
            [
                spreadsheet_safe(subscriber.email),
                subscriber.language,
                spreadsheet_safe(" ".join(subscriber.topics)),
                subscriber.confirmed_at.astimezone(athens).strftime("%Y-%m-%d %H:%M"),
            ]
        )
    return out.getvalue()
