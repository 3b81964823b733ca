"""Marking listings as verified: today's date on the listing, who did it in its history.

"Verified" means someone of the organisation or the secretariat checked that a live
listing is still right. It is a fact about the listing, not an edit of its content, so
it goes through no approval: a partner may verify its own organisation's listings
(the rule of directory.partners: the pages a user may change), the secretariat any.

Who and when are kept in Wagtail's own audit log (a `PageLogEntry` with the user and
the time), which is the page's history in the admin: every verification stays, no
table of our own is needed, and the report reads the latest one with a subquery.
`assured_date` (HSDS service.assured_date) carries the date to the public page, the
API and exports; the free-text `assured_by` stays what the editors wrote (it is public,
and a staff member's account name is not).
"""

from django.db import transaction
from django.db.models import CharField, F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log
from wagtail.models import PageLogEntry, Revision

from directory import cache
from directory.models import ServicePage
from directory.partners import editable_pages

#: The audit-log action of a verification (registered in directory/wagtail_hooks.py).
VERIFIED_ACTION = "directory.listing_verified"
VERIFIED_LABEL = _("Mark as verified")
VERIFIED_MESSAGE = _("Marked as verified")


def verifiable_services(user):
    """Live services `user` may verify: those of the pages the user may change."""
    editable = editable_pages(user)
    return ServicePage.objects.live().filter(pk__in=editable.values("pk"))


def with_last_verifier(services):
    """Annotate `verified_by_name`: who last marked each service as verified here (or None)."""
    entries = PageLogEntry.objects.filter(page_id=OuterRef("pk"), action=VERIFIED_ACTION).order_by("-timestamp", "-pk")
    full_name = NullIf(Trim(Concat(F("user__first_name"), Value(" "), F("user__last_name"))), Value(""))
    name = Coalesce(full_name, F("user__username"), output_field=CharField())
    return services.annotate(verified_by_name=Subquery(entries.annotate(name=name).values("name")[:1]))


def _set_assured_date(revision_ids, day):
    """Write the date into revisions too, or the editor (which opens the latest revision)
    would show the old date and publishing a pending draft would bring it back."""
    for revision in Revision.objects.filter(pk__in=revision_ids):
        revision.content["assured_date"] = day.isoformat()
        revision.save(update_fields=["content"])


@transaction.atomic
def mark_verified(services, user, day=None):
    """Mark `services` (ServicePages the caller has checked `user` may change) verified on `day`.

    Returns the services marked. The live row, its live revision and a pending draft
    all get the date, and one audit-log entry per service records `user`.
    """
    day = day or timezone.localdate()
    services = list(services)
    if not services:
        return []
    ids = [service.pk for service in services]
    ServicePage.objects.filter(pk__in=ids).update(assured_date=day)
    revision_ids = {rid for s in services for rid in (s.live_revision_id, s.latest_revision_id) if rid}
    _set_assured_date(revision_ids, day)
    for service in services:
        service.assured_date = day
        log(instance=service, action=VERIFIED_ACTION, user=user, data={"assured_date": day.isoformat()})
    cache.invalidate()
    return services


def services_to_verify(user, ids):
    """The services among `ids` that `user` may verify (others are left out, never an error)."""
    clean_ids = [int(pk) for pk in ids if str(pk).isascii() and str(pk).isdigit() and len(str(pk)) < 19]
    return verifiable_services(user).filter(pk__in=clean_ids).order_by("title")
