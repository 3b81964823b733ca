"""What an import last wrote to a page, as one hash, so that a re-import can skip it.

A registry is imported again and again (each month, after each fix) and most of its
records have not changed. Loading each page with its locations, hours and phones and
comparing them field by field costs tens of milliseconds a record; comparing one hash
of the record as the importer reads it (`directory.hsds.writer.fingerprint`) costs
nothing. The hash lives here, beside the page, not in the page's revision content:
it is no part of the listing, editors never see it, and writing it is no edit.

`revision_pk` is the page's latest revision when the hash was taken. If someone has
edited the page since (a new revision), the hash no longer describes what the page
holds, so the importer compares the page in full again, as it did before hashes.
"""

from django.db import models


class ImportFingerprint(models.Model):
    """The hash of the normalised record an import last wrote to (or found on) a page."""

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="import_fingerprint"
    )
    fingerprint = models.CharField(max_length=64)
    #: The page's latest revision when the hash was taken (plain number: revisions may be purged).
    revision_pk = models.BigIntegerField(null=True, blank=True)

    class Meta:
        verbose_name = "import fingerprint"

    def __str__(self):
        return f"{self.page_id}: {self.fingerprint[:12]}"
