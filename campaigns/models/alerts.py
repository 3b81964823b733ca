"""Alerts for rapid intervention, shaped like Common Alerting Protocol 1.2 messages.

Why CAP's shape: civil protection, feed readers and other portals already speak it,
so an alert raised here can be relayed without translation (campaigns/cap.py), and
its rules (a message is never edited, it is updated or cancelled by a new message
that references it) are the ones a team in a hurry needs to be able to trust.

One `Alert` row is one CAP message. Raising an alert creates a message with msgType
"Alert"; updating it creates a new message ("Update") whose `previous` is the one it
replaces; cancelling it creates a "Cancel" message the same way. A message that a
later one references is over: only the newest of each chain is shown, so a
cancellation takes the banner down at once. Expiry needs no job either: every query
asks for `expires > now` (campaigns/alerts.py).

Texts are CAP's `<info>` blocks, one per language (`AlertInfo`), on the one message,
rather than a translatable snippet per language (wagtail-localize): one form holds
every language, one identifier and one publish cover them all, and the CAP message
carries all its languages as the protocol intends. Greek is required and is the
fallback for a language without its own text.
"""

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from directory.models.areas import AreaLevel


class AlertStatus(models.TextChoices):
    """CAP 1.2 status: only "Actual" messages reach the public banner."""

    ACTUAL = "Actual", _("Actual")
    EXERCISE = "Exercise", _("Exercise")
    SYSTEM = "System", _("System")
    TEST = "Test", _("Test")


class AlertMessageType(models.TextChoices):
    """CAP 1.2 msgType (Ack and Error are for exchanges between systems, not ours)."""

    ALERT = "Alert", _("Alert")
    UPDATE = "Update", _("Update")
    CANCEL = "Cancel", _("Cancel")


class AlertCategory(models.TextChoices):
    """CAP 1.2 category."""

    GEO = "Geo", _("Geophysical (e.g. earthquake)")
    MET = "Met", _("Weather (e.g. heatwave, storm, flood)")
    SAFETY = "Safety", _("Public safety")
    SECURITY = "Security", _("Security")
    RESCUE = "Rescue", _("Rescue and recovery")
    FIRE = "Fire", _("Fire")
    HEALTH = "Health", _("Health")
    ENV = "Env", _("Environment (e.g. pollution)")
    TRANSPORT = "Transport", _("Transport")
    INFRA = "Infra", _("Utilities and infrastructure (e.g. water, power)")
    CBRNE = "CBRNE", _("Chemical, biological, radiological or nuclear")
    OTHER = "Other", _("Other")


class AlertSeverity(models.TextChoices):
    EXTREME = "Extreme", _("Extreme: extraordinary threat to life or property")
    SEVERE = "Severe", _("Severe: significant threat to life or property")
    MODERATE = "Moderate", _("Moderate: possible threat to life or property")
    MINOR = "Minor", _("Minor: little or no threat")
    UNKNOWN = "Unknown", _("Unknown")


class AlertUrgency(models.TextChoices):
    IMMEDIATE = "Immediate", _("Immediate: act now")
    EXPECTED = "Expected", _("Expected: act within the next hour")
    FUTURE = "Future", _("Future: act in the near future")
    PAST = "Past", _("Past: no action needed any more")
    UNKNOWN = "Unknown", _("Unknown")


class AlertCertainty(models.TextChoices):
    OBSERVED = "Observed", _("Observed: it is happening")
    LIKELY = "Likely", _("Likely (more than 50%)")
    POSSIBLE = "Possible", _("Possible")
    UNLIKELY = "Unlikely", _("Unlikely")
    UNKNOWN = "Unknown", _("Unknown")


def new_identifier():
    """A CAP identifier: unique, stable, no spaces, commas or restricted characters.

    The date makes it readable in a list; the random part makes it unguessable-free
    of collisions between two editors raising alerts in the same second."""
    return f"koinonia-{timezone.now():%Y%m%d}-{uuid.uuid4().hex[:12]}"


def default_sender():
    return getattr(settings, "KOINONIA_ALERT_SENDER", "alerts@koinonia.example")


class Alert(ClusterableModel):
    """One CAP message: an alert, or an update or cancellation of an earlier one."""

    identifier = models.CharField(_("identifier"), max_length=100, unique=True, default=new_identifier, editable=False)
    sender = models.CharField(_("sender"), max_length=200, default=default_sender)
    sent = models.DateTimeField(_("sent"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=AlertStatus.choices, default=AlertStatus.ACTUAL)
    msg_type = models.CharField(
        _("message type"), max_length=10, choices=AlertMessageType.choices, default=AlertMessageType.ALERT
    )
    previous = models.OneToOneField(
        "self",
        verbose_name=_("updates or cancels"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="next_message",
        help_text=_("The message this one replaces (CAP references)."),
    )
    category = models.CharField(
        _("category"), max_length=10, choices=AlertCategory.choices, default=AlertCategory.SAFETY
    )
    event = models.CharField(_("event"), max_length=100, help_text=_("In a few words, e.g. 'Heatwave'."))
    severity = models.CharField(
        _("severity"), max_length=10, choices=AlertSeverity.choices, default=AlertSeverity.SEVERE
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=AlertUrgency.choices, default=AlertUrgency.IMMEDIATE
    )
    certainty = models.CharField(
        _("certainty"), max_length=10, choices=AlertCertainty.choices, default=AlertCertainty.OBSERVED
    )
    onset = models.DateTimeField(_("from"), null=True, blank=True, help_text=_("Empty: from now."))
    expires = models.DateTimeField(_("until"), help_text=_("The alert disappears on its own at this time."))
    areas = ParentalManyToManyField(
        "directory.AdministrativeArea",
        verbose_name=_("areas"),
        blank=True,
        related_name="+",
        limit_choices_to={
            "level__in": [AreaLevel.REGION, AreaLevel.REGIONAL_UNIT, AreaLevel.MUNICIPALITY],
            "locale__language_code": settings.LANGUAGE_CODE,
        },
        help_text=_("None: the alert is shown on every page of the site."),
    )
    services = ParentalManyToManyField(
        "directory.ServicePage",
        verbose_name=_("services and places it concerns"),
        blank=True,
        related_name="+",
        help_text=_("E.g. a cooling centre that opens, a service that closes: their pages show the alert."),
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("event"), FieldPanel("category")]),
                FieldRowPanel([FieldPanel("severity"), FieldPanel("urgency"), FieldPanel("certainty")]),
                FieldRowPanel([FieldPanel("onset"), FieldPanel("expires")]),
                FieldRowPanel([FieldPanel("status"), FieldPanel("msg_type"), FieldPanel("previous")]),
            ],
            heading=_("The alert"),
        ),
        InlinePanel("infos", label=_("Text in each language"), min_num=1),
        FieldPanel("areas"),
        FieldPanel("services"),
        FieldPanel("sender"),
    ]

    class Meta:
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        ordering = ["-sent"]
        indexes = [models.Index(fields=["expires"])]

    def __str__(self):
        info = self.info_for(settings.LANGUAGE_CODE)
        return info.headline if info else self.event

    def clean(self):
        super().clean()
        if self.onset and self.expires and self.onset >= self.expires:
            raise ValidationError({"expires": _("The end must be after the start.")})
        if self.msg_type != AlertMessageType.ALERT and self.previous_id is None:
            raise ValidationError({"previous": _("An update or a cancellation must name the message it replaces.")})

    def info_for(self, language):
        """The text in `language`, else in Greek, else the first there is."""
        infos = list(self.infos.all())
        by_language = {info.language: info for info in infos}
        return by_language.get(language) or by_language.get(settings.LANGUAGE_CODE) or (infos[0] if infos else None)

    def references(self):
        """Every earlier message of this chain, oldest first (CAP <references>)."""
        chain, message = [], self.previous
        while message is not None:
            chain.append(message)
            message = message.previous
        return list(reversed(chain))

    def first_message(self):
        chain = self.references()
        return chain[0] if chain else self

    @property
    def is_cancel(self):
        return self.msg_type == AlertMessageType.CANCEL

    def state(self, now=None):
        """ "active", "replaced", "cancelled" or "expired", for its page."""
        now = now or timezone.now()
        if self.is_cancel:
            return "cancelled"
        newer = getattr(self, "next_message", None) if self.pk else None
        if newer is not None:
            return "cancelled" if newer.is_cancel else "replaced"
        if self.expires <= now:
            return "expired"
        return "active"


class AlertInfo(Orderable):
    """The alert's words in one language (a CAP <info> block)."""

    alert = ParentalKey(Alert, on_delete=models.CASCADE, related_name="infos")
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    headline = models.CharField(
        _("headline"), max_length=160, help_text=_("What is happening and where, in one line (at most 160 characters).")
    )
    description = models.TextField(_("what is happening"), blank=True)
    instruction = models.TextField(_("what people should do"), blank=True)

    panels = [
        FieldPanel("language"),
        FieldPanel("headline"),
        FieldPanel("description"),
        FieldPanel("instruction"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("text of an alert")
        verbose_name_plural = _("texts of an alert")
        constraints = [
            models.UniqueConstraint(fields=["alert", "language"], name="campaigns_alertinfo_one_per_language")
        ]

    def __str__(self):
        return self.headline


def _alerts_changed(**kwargs):
    """Any write to an alert renews the banner's cached list at once (campaigns.alerts);
    the admin's publish also refreshes the front cache (campaigns.alerts.alert_changed)."""
    from directory import cache

    cache.invalidate()


for _signal in (models.signals.post_save, models.signals.post_delete):
    _signal.connect(_alerts_changed, sender=Alert, dispatch_uid=f"alerts-changed-{_signal}")
    _signal.connect(_alerts_changed, sender=AlertInfo, dispatch_uid=f"alert-infos-changed-{_signal}")
