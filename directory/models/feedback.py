"""Reports from visitors that a listing is wrong (closed, moved, wrong phone…).

Stored, and shown in the admin to the secretariat and to the editors of the
organisation that owns the listing (and to nobody else). The reporter's contact
details are personal data: only staff see them, never a public page or export.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel


class ReportReason(models.TextChoices):
    CLOSED = "closed", _("The service has closed or no longer exists")
    ADDRESS = "address", _("The address or the map point is wrong")
    PHONE = "phone", _("A phone number or e-mail is wrong")
    HOURS = "hours", _("The opening hours are wrong")
    DETAILS = "details", _("Other details are wrong or out of date")
    OTHER = "other", _("Something else")


class ReportStatus(models.TextChoices):
    NEW = "new", _("New")
    IN_PROGRESS = "in_progress", _("Being handled")
    RESOLVED = "resolved", _("Resolved")
    REJECTED = "rejected", _("Not a problem")


class ListingReport(models.Model):
    MESSAGE_MAX_LENGTH = 2000

    service = models.ForeignKey(
        "directory.ServicePage", verbose_name=_("service"), on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(_("what is wrong"), max_length=20, choices=ReportReason.choices)
    message = models.TextField(_("details"), max_length=MESSAGE_MAX_LENGTH, blank=True)
    reporter_name = models.CharField(_("reporter's name"), max_length=120, blank=True)
    reporter_contact = models.CharField(
        _("reporter's phone or e-mail"), max_length=200, blank=True, help_text=_("Private: only staff see it.")
    )
    status = models.CharField(_("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.NEW)
    staff_note = models.TextField(_("staff note"), blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("handled by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [FieldPanel("status"), FieldPanel("staff_note")]

    class Meta:
        verbose_name = _("problem report")
        verbose_name_plural = _("problem reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"])]

    def __str__(self):
        return f"{self.service.title}: {self.get_reason_display()}"
