"""Storing a citizen's comment: the rules the server enforces whatever the page showed.

Every refusal raises `CommentRefused` with a message for the citizen, and the view
shows the form again with everything they typed, so nothing is lost:

- the deadline, by the server's clock, against the consultation as stored now;
- per-e-mail limits, counted in the database (so they hold across worker
  processes and servers) under a transaction-level advisory lock on the address,
  which also serialises two submissions of the same form;
- a double submit: the form's token is unique, so the second POST finds the first
  comment and reports the same success instead of storing a copy.
"""

import datetime
import hashlib
import re

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from consultations.dates import format_deadline
from consultations.models import Comment, CommentStatus, ConsultationPage, ModerationMode

DEFAULT_EMAIL_RATE = "20/h"
DEFAULT_IP_RATE = "60/h"
_RATE_RE = re.compile(r"^(\d+)/(\d*)([smhd])$")
_UNIT_SECONDS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


class CommentRefused(Exception):
    def __init__(self, message, code):
        super().__init__(message)
        self.message = message
        self.code = code


def parse_rate(rate):
    """ "20/h" → (20, 3600); "5/10m" → (5, 600). Same notation as django-ratelimit."""
    match = _RATE_RE.match(rate)
    if not match:
        raise ValueError(f"Bad rate {rate!r}")
    count, multiplier, unit = match.groups()
    return int(count), int(multiplier or 1) * _UNIT_SECONDS[unit]


def email_rate():
    return getattr(settings, "KOINONIA_CONSULTATION_EMAIL_RATE", DEFAULT_EMAIL_RATE)


def ip_rate():
    return getattr(settings, "KOINONIA_CONSULTATION_IP_RATE", DEFAULT_IP_RATE)


def _lock_key(email):
    """A signed 64-bit number for pg_advisory_xact_lock, stable for an address."""
    digest = hashlib.blake2b(("consultation-comment:" + email).encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def submit_comment(page, data, language, now=None):
    """Store the comment described by a valid CommentForm's data. Returns (comment, created)."""
    consultation = ConsultationPage.objects.get(pk=page.canonical.pk)
    token = data["submission_token"]
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_key(data["email"])])
        existing = Comment.objects.filter(submission_token=token).first()
        if existing is not None:
            return existing, False
        now = now or timezone.now()
        if not consultation.accepts_comments_at(now):
            raise CommentRefused(closed_message(consultation, now), "closed")
        limit, seconds = parse_rate(email_rate())
        recent = Comment.objects.filter(email=data["email"], created_at__gte=now - datetime.timedelta(seconds=seconds))
        if recent.count() >= limit:
            raise CommentRefused(
                _("You have sent many comments in a short time. Please wait a while and try again."), "email_rate"
            )
        labels = {article.key: article.label for article in page.articles()}
        post_moderated = consultation.moderation == ModerationMode.POST
        comment = Comment(
            consultation=consultation,
            article_key=data.get("article") or "",
            article_label=labels.get(data.get("article") or "", ""),
            author_name=data["author_name"],
            email=data["email"],
            text=data["text"],
            stance=data.get("stance") or "",
            notify_results=bool(data.get("notify_results")),
            language=language,
            submission_token=token,
            status=CommentStatus.APPROVED if post_moderated else CommentStatus.PENDING,
            needs_review=post_moderated,
            published_at=now if post_moderated else None,
        )
        try:
            with transaction.atomic():
                comment.save()
        except IntegrityError:
            # The same token through another e-mail address: still one comment per form.
            return Comment.objects.get(submission_token=token), False
    return comment, True


def closed_message(consultation, now):
    if consultation.archived or now >= consultation.ends_at:
        return _("This consultation closed on %(deadline)s. Comments can no longer be sent.") % {
            "deadline": format_deadline(consultation.ends_at)
        }
    return _("This consultation opens on %(start)s. Comments can be sent from then on.") % {
        "start": format_deadline(consultation.starts_at)
    }
