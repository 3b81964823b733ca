"""Moderation transitions, each one recorded, and the e-mails they cause.

Who may moderate is one named predicate, `can_moderate` (Django permission
`consultations.moderate_comment`, held by the "Συντονιστές διαβουλεύσεων" group that
`ensure_moderators_group` creates), so every admin view asks the same question.
"""

from django.db import transaction
from django.utils import timezone

from consultations.models import (
    FLAGS_TO_HIDE,
    Comment,
    CommentFlag,
    CommentStatus,
    ModerationAction,
    ModerationDecision,
)
from consultations.notifications import send_rejection_email

MODERATE_PERMISSION = "consultations.moderate_comment"


def can_moderate(user):
    return bool(user and user.is_active and user.has_perm(MODERATE_PERMISSION))


def _record(comment, action, user=None, reason="", note=""):
    ModerationDecision.objects.create(comment=comment, action=action, user=user, reason=reason, note=note)


@transaction.atomic
def approve(comment, user):
    """Publish the comment (or keep it published after review) and close its flags."""
    now = timezone.now()
    comment.status = CommentStatus.APPROVED
    comment.needs_review = False
    comment.rejection_reason = ""
    comment.rejection_note = ""
    comment.moderated_by, comment.moderated_at = user, now
    comment.published_at = comment.published_at or now
    comment.save()
    comment.flags.filter(resolved=False).update(resolved=True)
    _record(comment, ModerationAction.APPROVE, user)
    return comment


@transaction.atomic
def reject(comment, user, reason, note="", notify=True):
    """Take the comment off (or keep it off) the site, and tell the commenter why (unless `notify` is off)."""
    comment.status = CommentStatus.REJECTED
    comment.needs_review = False
    comment.rejection_reason, comment.rejection_note = reason, note
    comment.moderated_by, comment.moderated_at = user, timezone.now()
    comment.published_at = None
    comment.save()
    comment.flags.filter(resolved=False).update(resolved=True)
    _record(comment, ModerationAction.REJECT, user, reason=reason, note=note)
    if notify and comment.email:
        transaction.on_commit(lambda: send_rejection_email(comment))
    return comment


@transaction.atomic
def mark_spam(comment, user):
    """Spam is hidden without a word to its sender (who is usually a robot)."""
    comment.status = CommentStatus.SPAM
    comment.needs_review = False
    comment.moderated_by, comment.moderated_at = user, timezone.now()
    comment.published_at = None
    comment.save()
    comment.flags.filter(resolved=False).update(resolved=True)
    _record(comment, ModerationAction.SPAM, user)
    return comment


@transaction.atomic
def flag(comment, reason, note=""):
    """A visitor's flag sends a published comment back to the queue.

    It stays visible (one click from anyone must not be able to silence a comment)
    until `FLAGS_TO_HIDE` unresolved flags have come in, then it waits hidden for a
    moderator.
    """
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    CommentFlag.objects.create(comment=comment, reason=reason, note=note)
    comment.needs_review = True
    comment.in_digest_at = None  # back in the next moderators' digest
    hidden = False
    if comment.status == CommentStatus.APPROVED and comment.flags.filter(resolved=False).count() >= FLAGS_TO_HIDE:
        comment.status = CommentStatus.PENDING
        hidden = True
    comment.save(update_fields=["needs_review", "status", "in_digest_at"])
    _record(comment, ModerationAction.FLAGGED, reason=reason, note=note)
    if hidden:
        _record(comment, ModerationAction.HIDDEN)
    return comment


@transaction.atomic
def reply(comment, user, text):
    comment.reply_text = text
    comment.replied_by, comment.replied_at = user, timezone.now()
    comment.save(update_fields=["reply_text", "replied_by", "replied_at"])
    _record(comment, ModerationAction.REPLY, user, note=text)
    return comment
