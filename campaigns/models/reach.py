"""Printed material that can be traced, and reach counted without cookies or IP addresses.

- `Material`: one printed or posted item of a campaign (a poster in the Kozani community
  centre, a radio spot) with its own short link /c/<code> and QR code, so the team can
  tell which of them brought people.
- `VisitSalt`: the random salt of one day for the day-visitor hash (core/visits.py).
  Deleted once its day is over, so an old hash cannot be recomputed from an IP address.
- `VisitorTouch`: what one day visitor did today (a scan, a campaign visit, a search,
  a phone link...), keyed by the hash and never by an IP; it exists only to count
  distinct visitors and to attribute actions to the campaign they came from, and is
  rolled up into `ReachDay` and deleted after its day (campaigns.reach.roll_up).
- `ReachDay`: the counts that stay: per day, campaign, material, channel and kind.
"""

import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.visits import ACTION_CHOICES

#: Short-code alphabet: no 0/o, 1/l/i, no capitals (codes are typed from paper and
#: read aloud on the radio); 6 characters give 31^6 ≈ 887 million codes.
CODE_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
CODE_LENGTH = 6

SCAN = "scan"
VISIT = "visit"
#: Kinds that start a visit "from a campaign"; the others are actions that follow.
ARRIVAL_CHOICES = [(SCAN, _("Short link or QR scan")), (VISIT, _("Campaign page visit from a tracked link"))]
TOUCH_KIND_CHOICES = ARRIVAL_CHOICES + ACTION_CHOICES


def new_code():
    """A random short code; uniqueness is the database's job (Material.save retries)."""
    return "".join(secrets.choice(CODE_ALPHABET) for _i in range(CODE_LENGTH))


class Material(models.Model):
    """One printed or posted item of a campaign, with the short link that tells it apart."""

    class Kind(models.TextChoices):
        POSTER = "poster", _("Poster")
        LEAFLET = "leaflet", _("Leaflet")
        SIGN = "sign", _("Sign")
        SOCIAL_POST = "social-post", _("Social media post")
        RADIO_SPOT = "radio-spot", _("Radio spot")
        OTHER = "other", _("Other")

    class Channel(models.TextChoices):
        PRINT = "print", _("Print")
        SOCIAL = "social", _("Social media")
        RADIO = "radio", _("Radio")
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("SMS or Viber")
        EVENT = "event", _("Event or info day")
        OTHER = "other", _("Other")

    campaign = models.ForeignKey(
        "campaigns.CampaignPage", verbose_name=_("campaign"), on_delete=models.CASCADE, related_name="materials"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.POSTER)
    placement = models.CharField(
        _("placement"),
        max_length=255,
        help_text=_("Where it went, e.g. “Κέντρο Κοινότητας Κοζάνης, poster A3”."),
    )
    channel = models.CharField(_("channel"), max_length=20, choices=Channel.choices, default=Channel.PRINT)
    target_page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("target page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Leave empty (and the address below too) to send people to the campaign page."),
    )
    target_url = models.URLField(
        _("target address"),
        max_length=500,
        blank=True,
        help_text=_("Instead of a page: an address on this site or on one of the allowed sites."),
    )
    code = models.CharField(_("short code"), max_length=16, unique=True, default=new_code, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("campaign material")
        verbose_name_plural = _("campaign materials")
        ordering = ["campaign", "kind", "placement"]
        permissions = [("view_reach_report", _("Can see campaign reach reports"))]

    def __str__(self):
        return f"{self.placement} ({self.code})"

    def save(self, *args, **kwargs):
        """Draw another code in the (rare) case the random one is taken."""
        if self._state.adding:
            for _attempt in range(10):
                if not Material.objects.filter(code=self.code).exists():
                    break
                self.code = new_code()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        if self.target_page_id and self.target_url:
            raise ValidationError({"target_url": _("Choose a page or give an address, not both.")})
        if self.target_url:
            from campaigns.reach import allowed_target_url

            if not allowed_target_url(self.target_url):
                raise ValidationError(
                    {"target_url": _("Short links may only lead to this site or to the allowed sites.")}
                )


class VisitSalt(models.Model):
    """The secret salt of one day's visitor hashes; replaced daily, the old ones deleted."""

    day = models.DateField(primary_key=True)
    salt = models.BinaryField()

    class Meta:
        verbose_name = _("visit salt")

    def __str__(self):
        return f"salt of {self.day}"  # never the salt itself


class VisitorTouch(models.Model):
    """What one day visitor (a hash, never an IP) did today; rolled up and deleted after the day."""

    day = models.DateField()
    visitor = models.CharField(max_length=64)
    campaign = models.ForeignKey("campaigns.CampaignPage", on_delete=models.CASCADE, related_name="+")
    material = models.ForeignKey(Material, null=True, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(max_length=20)
    kind = models.CharField(max_length=20, choices=TOUCH_KIND_CHOICES)
    #: A one-way key of what the action was about (core.visits.target_key), to count two
    #: services seen as two and one service seen twice as one.
    target = models.CharField(max_length=16, blank=True)
    hits = models.PositiveIntegerField(default=1)
    last_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["day", "visitor", "campaign", "material", "channel", "kind", "target"],
                name="campaigns_touch_unique",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["day", "visitor", "last_at"], name="campaigns_touch_visitor")]

    def __str__(self):
        return f"{self.day} {self.kind} {self.visitor[:8]}…"


class ReachDay(models.Model):
    """Counts of one day for one campaign, material (or none) and channel, per kind. Anonymous."""

    day = models.DateField(_("day"))
    campaign = models.ForeignKey("campaigns.CampaignPage", on_delete=models.CASCADE, related_name="+")
    material = models.ForeignKey(Material, null=True, blank=True, on_delete=models.CASCADE, related_name="+")
    channel = models.CharField(_("channel"), max_length=20)
    kind = models.CharField(_("kind"), max_length=20, choices=TOUCH_KIND_CHOICES)
    #: Scans and visits: every one; actions: distinct things done per visitor.
    count = models.PositiveIntegerField(_("count"), default=0)
    visitors = models.PositiveIntegerField(_("distinct visitors"), default=0)

    class Meta:
        verbose_name = _("reach of a day")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "campaign", "material", "channel", "kind"],
                name="campaigns_reachday_unique",
                nulls_distinct=False,
            )
        ]
        indexes = [models.Index(fields=["campaign", "day"], name="campaigns_reachday_campaign")]

    def __str__(self):
        return f"{self.day} {self.kind}: {self.count}"
