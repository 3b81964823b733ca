"""E-mails of the consultations: to commenters (rejection, results) and to moderators (digest).

Each e-mail is written in the language its reader used (the commenter's page
language) and sent through Django's e-mail backend. Markers on the comments
(`in_digest_at`, `results_notified_at`) make every sender idempotent: running it
again sends nothing twice, and a failed run is simply run again.
"""

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from consultations.models import Comment, CommentStatus, ConsultationPage

logger = logging.getLogger(__name__)


def _absolute(url):
    if url and url.startswith("/"):
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + url
    return url or ""


def _consultation_in(comment, language):
    """The consultation page in the commenter's language, if it exists, for the link."""
    consultation = comment.consultation
    for page in ConsultationPage.objects.filter(translation_key=consultation.translation_key).live():
        if page.locale.language_code == language:
            return page
    return consultation


def send_rejection_email(comment):
    with translation.override(comment.language):
        page = _consultation_in(comment, comment.language)
        context = {
            "comment": comment,
            "consultation": page,
            "url": _absolute(page.get_url()),
            "reason": comment.get_rejection_reason_display(),
        }
        subject = render_to_string("consultations/emails/rejected_subject.txt", context).strip()
        body = render_to_string("consultations/emails/rejected.txt", context)
    EmailMessage(subject, body, to=[comment.email]).send()


def _admin_language(user):
    """The language the moderator chose for the admin, or the site's default."""
    profile = getattr(user, "wagtail_userprofile", None)
    return (profile and profile.preferred_language) or settings.LANGUAGE_CODE


def moderators():
    permission = Permission.objects.get(content_type__app_label="consultations", codename="moderate_comment")
    return (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(is_superuser=True) | Q(user_permissions=permission) | Q(groups__permissions=permission))
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )


def send_moderation_digest(now=None):
    """One e-mail per moderator listing comments that entered the queue since the last digest."""
    now = now or timezone.now()
    comments = list(
        Comment.objects.to_moderate().filter(in_digest_at__isnull=True).select_related("consultation").order_by("pk")
    )
    if not comments:
        return 0, 0
    recipients = list(moderators())
    queue_url = _absolute("/admin/consultations/moderation/")
    messages = []
    for user in recipients:
        with translation.override(_admin_language(user)):
            context = {"comments": comments, "queue_url": queue_url, "user": user}
            subject = render_to_string("consultations/emails/digest_subject.txt", context).strip()
            body = render_to_string("consultations/emails/digest.txt", context)
        messages.append(EmailMessage(subject, body, to=[user.email]))
    if messages:
        get_connection().send_messages(messages)
    Comment.objects.filter(pk__in=[c.pk for c in comments]).update(in_digest_at=now)
    return len(comments), len(messages)


def send_results_notifications(consultation, now=None):
    """Tell commenters who asked that the results of `consultation` are out. Returns the number sent."""
    now = now or timezone.now()
    pending = (
        Comment.objects.for_consultation(consultation)
        .filter(notify_results=True, results_notified_at__isnull=True)
        .exclude(email="")
        .exclude(status=CommentStatus.SPAM)
        .order_by("pk")
    )
    sent_to, notified, messages = set(), [], []
    for comment in pending:
        notified.append(comment.pk)
        if comment.email in sent_to:
            continue  # one e-mail per person, however many comments they wrote
        sent_to.add(comment.email)
        with translation.override(comment.language):
            page = _consultation_in(comment, comment.language)
            context = {"consultation": page, "url": _absolute(page.get_url()) + "results/"}
            subject = render_to_string("consultations/emails/results_subject.txt", context).strip()
            body = render_to_string("consultations/emails/results.txt", context)
        messages.append(EmailMessage(subject, body, to=[comment.email]))
    if messages:
        get_connection().send_messages(messages)
    Comment.objects.filter(pk__in=notified).update(results_notified_at=now)
    return len(messages)


def pending_results_notifications(now=None):
    """Catch-up for every consultation whose results are public (run from cron)."""
    total = 0
    for consultation in ConsultationPage.objects.live().filter(results_published=True):
        if consultation.canonical.pk == consultation.pk:
            total += send_results_notifications(consultation, now)
    return total
