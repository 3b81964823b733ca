"""The newsletter: topics, sign-ups waiting for confirmation, subscribers, issues and their sends.

Double opt-in keeps two tables on purpose. A sign-up is only a `PendingSignup` (an
address someone typed, perhaps not their own) until its confirmation link is
followed; nothing is ever sent to it but that one e-mail, and `purge_newsletter`
deletes it after 7 days. Confirming creates (or updates) the `Subscriber` and deletes
the pending row. Unsubscribing deletes the subscriber: no suppression list is kept,
because an address can only come back through a new confirmed sign-up by its owner.

Topics are named by a code shared by every language (as the social map's taxonomy
terms are), so a subscriber's topics and an issue's topics are lists of codes and
"any of these topics" is one array overlap.

An issue is composed from a page and sent by `manage.py send_newsletter` to the
confirmed subscribers of one language. Each recipient gets a `NewsletterDelivery`
row the moment their e-mail was handed to the backend, so a run that crashed resumes
with the others and sends nobody the issue twice (the row also counts failed attempts:
an address refused three times is given up); those rows (which tie an address
to what it received) are deleted once the issue is fully sent and only the counts
stay, in the issue and its `IssueSend` log (one row per run).
"""

import uuid

from wagtail_localize.fields import SynchronizedField, TranslatableField

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin

#: A confirmation link works for this long (the e-mail says so).
CONFIRMATION_HOURS = 48
#: Sign-ups never confirmed are deleted after this many days (purge_newsletter).
PENDING_RETENTION_DAYS = 7
EMAIL_MAX_LENGTH = 254


def language_choices():
    return list(settings.LANGUAGES)


class NewsletterTopic(TranslatableMixin, models.Model):
    """A subject people can choose to hear about ("Events", "Food and basic goods"), managed by the team."""

    code = models.SlugField(_("code"), max_length=60, help_text=_("Stable identifier, the same in every language."))
    name = models.CharField(_("name"), max_length=120)
    sort_order = models.PositiveIntegerField(_("sort order"), default=100)

    panels = [FieldPanel("name"), FieldPanel("code"), FieldPanel("sort_order")]
    translatable_fields = [TranslatableField("name"), SynchronizedField("code"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        ordering = ["sort_order", "name"]
        verbose_name = _("newsletter topic")
        verbose_name_plural = _("newsletter topics")

    def __str__(self):
        return self.name


class PendingSignup(models.Model):
    """An address typed into the sign-up form, not yet confirmed by its owner. Deleted after 7 days."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail"), max_length=EMAIL_MAX_LENGTH, db_index=True)
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    topics = ArrayField(models.SlugField(max_length=60), default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("sign-up awaiting confirmation")
        verbose_name_plural = _("sign-ups awaiting confirmation")

    def __str__(self):
        return f"pending #{self.pk}"


class Subscriber(models.Model):
    """A confirmed address: receives the issues of its language (and topics) until it unsubscribes."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    email = models.EmailField(_("e-mail"), max_length=EMAIL_MAX_LENGTH, unique=True)
    language = models.CharField(_("language"), max_length=8, choices=language_choices, db_index=True)
    topics = ArrayField(models.SlugField(max_length=60), default=list, blank=True)
    confirmed_at = models.DateTimeField(_("confirmed at"))

    class Meta:
        verbose_name = _("newsletter subscriber")
        verbose_name_plural = _("newsletter subscribers")
        permissions = [("export_subscriber", _("Can export newsletter subscribers"))]

    def __str__(self):
        return f"subscriber #{self.pk}"


class IssueStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued for sending")
    SENT = "sent", _("Sent")


class NewsletterIssue(models.Model):
    """One issue: a page (a campaign, a news or standard page) sent to one language's subscribers."""

    subject = models.CharField(_("subject"), max_length=200)
    # SET_NULL, not PROTECT: an old issue must not stop editors deleting a page (the
    # form still requires one; send_newsletter refuses an issue whose page is gone).
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The page the issue presents: its title, summary and a link to it."),
    )
    language = models.CharField(
        _("language"),
        max_length=8,
        choices=language_choices,
        help_text=_("Sent to the subscribers who chose this language."),
    )
    topics = ArrayField(
        models.SlugField(max_length=60),
        verbose_name=_("topics"),
        default=list,
        blank=True,
        help_text=_("Only subscribers who chose one of these topics. None: every subscriber of the language."),
    )
    introduction = models.TextField(
        _("introduction"), blank=True, max_length=4000, help_text=_("A few words before the page's summary.")
    )
    status = models.CharField(_("status"), max_length=10, choices=IssueStatus.choices, default=IssueStatus.DRAFT)
    created_at = models.DateTimeField(default=timezone.now)
    queued_at = models.DateTimeField(_("queued at"), null=True, blank=True)
    queued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    sent_count = models.PositiveIntegerField(_("sent to"), default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("newsletter issue")
        verbose_name_plural = _("newsletter issues")
        permissions = [("send_newsletterissue", _("Can send newsletter issues"))]

    def __str__(self):
        return self.subject


#: An address whose e-mail the backend refused this many times is given up for that issue.
MAX_DELIVERY_ATTEMPTS = 3


class NewsletterDelivery(models.Model):
    """ "This subscriber has been handed this issue": what lets a crashed run resume without repeats.

    It also counts failed attempts (`sent_at` still empty): an address the backend keeps
    refusing is given up after MAX_DELIVERY_ATTEMPTS, so one bad address cannot keep an
    issue queued, retried every run, for ever.
    """

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="+")
    sent_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    failures = models.PositiveSmallIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["issue", "subscriber"], name="newsletter_delivery_once")]

    def __str__(self):
        return f"issue #{self.issue_id} → subscriber #{self.subscriber_id}"


class IssueSend(models.Model):
    """The log of one run of send_newsletter for one issue: when, to how many, how many failed."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="sends")
    started_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    sent = models.PositiveIntegerField(default=0)
    failed = models.PositiveIntegerField(default=0)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["-started_at"]
        verbose_name = _("issue send")
        verbose_name_plural = _("issue sends")

    def __str__(self):
        return f"issue #{self.issue_id}: {self.sent} sent, {self.failed} failed"
