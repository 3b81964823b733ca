"""Imported records a person should look at: what the importer changed or dropped.

A registry's file is rarely clean: a website without `https://`, three phones in one
field, a name longer than a page title. The importer fixes what it safely can and
imports the record anyway; each fix leaves a `ReviewFlag` on the page so that the
secretariat can check it, with the value as it was in the file (`original_value`),
nothing a person typed being lost.

Flags live beside the page, not in its content: they are not part of a revision, so
resolving one is no edit of the listing and a re-import of the same data does not look
"changed". One flag per page, kind and field: importing the same file again finds the
flags it left last time instead of adding new ones, and a file that brings another
value for that field updates the flag (and opens it again if it had been resolved).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewKind(models.TextChoices):
    """What the importer did to a value; the admin report filters on it."""

    URL_SCHEME_ADDED = "url-scheme-added", _("https:// added to a web address")
    URL_DROPPED = "url-dropped", _("Invalid web address dropped")
    EMAIL_DROPPED = "email-dropped", _("Invalid e-mail address dropped")
    PHONE_SPLIT = "phone-split", _("Several phone numbers in one field")
    PHONE_CLEANED = "phone-cleaned", _("Phone number cleaned")
    PHONE_EXTENSION = "phone-extension", _("Phone extension separated")
    PHONE_NOT_DIALLABLE = "phone-not-diallable", _("Phone number that cannot be dialled")
    NAME_SHORTENED = "name-shortened", _("Name too long for a page title")
    TEXT_TRUNCATED = "text-truncated", _("Text cut to fit")
    VALUE_DROPPED = "value-dropped", _("Invalid value dropped")
    VALUE_CHANGED = "value-changed", _("Value normalised")
    NOT_MATCHED = "not-matched", _("Term, area or part not recognised")
    OTHER = "other", _("Other")


class ReviewFlagQuerySet(models.QuerySet):
    def open(self):
        return self.filter(resolved_at__isnull=True)

    def resolved(self):
        return self.filter(resolved_at__isnull=False)

    def resolve(self, user):
        """Mark these flags as handled by `user` (one or many), now."""
        return self.open().update(resolved_at=timezone.now(), resolved_by=user)

    def sync(self, page_id, warnings, *, rewritten, new=False):
        """Make the page's flags say what this import of its record found; returns how many opened.

        `warnings` have `kind`, `field`, `message` and `original`. A flag already there for
        the same kind and field is kept (resolved or not) when the value is the same, and
        updated and opened again when the file now brings another value. When the import
        rewrote the page (`rewritten`), open flags the record no longer calls for are
        resolved, by nobody: the file was fixed at its source. A `new` page has no flags
        yet: they are only inserted (one query, for bulk imports).
        """
        wanted = {}
        for warning in warnings:
            if not getattr(warning, "review", True):
                continue
            kind = warning.kind if warning.kind in ReviewKind.values else ReviewKind.OTHER
            wanted.setdefault((kind, warning.field[:255]), warning)
        if not wanted and not rewritten:
            return 0
        if not wanted and new:
            return 0
        existing = {} if new else {(flag.kind, flag.field): flag for flag in self.filter(page_id=page_id)}
        now = timezone.now()
        created, opened = [], 0
        for key, warning in wanted.items():
            flag = existing.get(key)
            if flag is None:
                created.append(
                    self.model(
                        page_id=page_id,
                        kind=key[0],
                        field=key[1],
                        message=warning.message,
                        original_value=warning.original,
                        created_at=now,
                    )
                )
            elif flag.original_value != warning.original:
                self.filter(pk=flag.pk).update(
                    message=warning.message, original_value=warning.original, resolved_at=None, resolved_by=None
                )
                opened += 1
        if created:
            self.bulk_create(created)
        if rewritten:
            stale = [flag.pk for key, flag in existing.items() if key not in wanted and flag.resolved_at is None]
            if stale:
                self.filter(pk__in=stale).update(resolved_at=now)
        return len(created) + opened


class ReviewFlag(models.Model):
    """One value of an imported page that the importer normalised or dropped."""

    page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("page"), on_delete=models.CASCADE, related_name="review_flags"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ReviewKind.choices, db_index=True)
    #: Where in the HSDS record, e.g. "service_at_locations[0].location.phones[1].number".
    field = models.CharField(_("field"), max_length=255, blank=True)
    message = models.TextField(_("message"))
    original_value = models.TextField(_("value in the file"), blank=True)
    created_at = models.DateTimeField(_("flagged on"), default=timezone.now, db_index=True)
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resolved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = ReviewFlagQuerySet.as_manager()

    class Meta:
        verbose_name = _("imported value to review")
        verbose_name_plural = _("imported values to review")
        ordering = ["-created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["page", "kind", "field"], name="directory_reviewflag_unique_field")
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.field}"

    @property
    def resolved(self):
        return self.resolved_at is not None
