"""Comments on consultations, visitors' flags and the moderators' decisions.

Small focused models: a `Comment` knows its consultation (the default-language page
of the translation group, PROTECTed so that no deletion can take comments with it)
and its article by the article block's id; a `CommentFlag` is one visitor's
report; a `ModerationDecision` is one line of the moderation history, which the
staff export carries.

The commenter's e-mail is personal data: it is used only to write to the
commenter, never rendered on a public page, API or public export, and erased by
`purge_commenter_emails` once the results have been public for long enough.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

TEXT_MAX_LENGTH = 5000
NAME_MAX_LENGTH = 80
#: Flags from this many visitors hide an approved comment until a moderator looks at it.
FLAGS_TO_HIDE = 3


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Awaiting moderation")
    APPROVED = "approved", _("Published")
    REJECTED = "rejected", _("Rejected")
    SPAM = "spam", _("Spam")


class Stance(models.TextChoices):
    AGREE = "agree", _("I agree")
    PARTLY = "partly", _("I partly agree")
    DISAGREE = "disagree", _("I disagree")


class RejectionReason(models.TextChoices):
    ABUSIVE = "abusive", _("Abusive or offensive")
    ADVERTISING = "advertising", _("Advertising")
    OFF_TOPIC = "off_topic", _("Off topic")
    DUPLICATE = "duplicate", _("Duplicate")
    PERSONAL_DATA = "personal_data", _("Contains personal data")
    OTHER = "other", _("Other")


class FlagReason(models.TextChoices):
    ABUSIVE = "abusive", _("Abusive or offensive")
    ADVERTISING = "advertising", _("Advertising or spam")
    OFF_TOPIC = "off_topic", _("Off topic")
    PERSONAL_DATA = "personal_data", _("Reveals someone's personal data")
    OTHER = "other", _("Other")


class CommentQuerySet(models.QuerySet):
    def for_consultation(self, page):
        """Comments of the whole translation group, whichever language's page is given."""
        return self.filter(consultation__translation_key=page.translation_key)

    def published(self):
        return self.filter(status=CommentStatus.APPROVED)

    def to_moderate(self):
        """The moderation queue: new comments in pre-moderation, and anything flagged or unreviewed."""
        return self.filter(Q(status=CommentStatus.PENDING) | Q(needs_review=True)).exclude(status=CommentStatus.SPAM)


class Comment(models.Model):
    consultation = models.ForeignKey(
        "consultations.ConsultationPage",
        verbose_name=_("consultation"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    #: The article block's id; empty for a general comment on the whole consultation.
    article_key = models.CharField(_("article"), max_length=64, blank=True, db_index=True)
    #: The article's name when the comment was written, for exports if the article is renamed.
    article_label = models.CharField(_("article name when commented"), max_length=320, blank=True)
    author_name = models.CharField(_("name or pseudonym"), max_length=NAME_MAX_LENGTH)
    email = models.EmailField(_("e-mail"), blank=True)
    text = models.TextField(_("comment"), max_length=TEXT_MAX_LENGTH)
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, blank=True)
    notify_results = models.BooleanField(_("wants to hear about the results"), default=False)
    language = models.CharField(_("language"), max_length=10, default="el")
    #: One per rendered form: a second POST of the same form finds the first comment.
    submission_token = models.UUIDField(_("submission token"), unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(_("submitted at"), auto_now_add=True, db_index=True)

    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING, db_index=True
    )
    needs_review = models.BooleanField(_("needs review"), default=False, db_index=True)
    rejection_reason = models.CharField(
        _("rejection reason"), max_length=20, choices=RejectionReason.choices, blank=True
    )
    rejection_note = models.TextField(_("note to the commenter"), blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    reply_text = models.TextField(_("official reply"), blank=True, max_length=TEXT_MAX_LENGTH)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("replied by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    replied_at = models.DateTimeField(_("replied at"), null=True, blank=True)

    in_digest_at = models.DateTimeField(_("sent in a moderators' digest at"), null=True, blank=True)
    results_notified_at = models.DateTimeField(_("told about the results at"), null=True, blank=True)
    email_erased_at = models.DateTimeField(_("e-mail erased at"), null=True, blank=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "pk"]
        permissions = [("moderate_comment", _("Can moderate consultation comments"))]
        indexes = [
            models.Index(fields=["consultation", "status", "article_key"], name="comment_public_idx"),
            models.Index(fields=["email", "created_at"], name="comment_email_recent_idx"),
        ]

    def __str__(self):
        return f"{self.author_name}: {self.text[:60]}"

    @property
    def is_general(self):
        return not self.article_key


class CommentFlag(models.Model):
    """A visitor's report that a published comment breaks the rules."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="flags")
    reason = models.CharField(_("reason"), max_length=20, choices=FlagReason.choices)
    note = models.CharField(_("details"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("flagged at"), auto_now_add=True)
    resolved = models.BooleanField(_("resolved"), default=False)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        ordering = ["created_at"]

    def __str__(self):
        return f"{self.get_reason_display()} #{self.comment_id}"


class ModerationAction(models.TextChoices):
    APPROVE = "approve", _("Approved")
    REJECT = "reject", _("Rejected")
    SPAM = "spam", _("Marked as spam")
    FLAGGED = "flagged", _("Flagged by a visitor")
    HIDDEN = "hidden", _("Hidden after several flags")
    REPLY = "reply", _("Replied officially")


class ModerationDecision(models.Model):
    """One step in a comment's moderation history, for accountability and the staff export."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="decisions")
    action = models.CharField(_("action"), max_length=10, choices=ModerationAction.choices)
    reason = models.CharField(_("reason"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("moderation decision")
        verbose_name_plural = _("moderation decisions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} #{self.comment_id}"
