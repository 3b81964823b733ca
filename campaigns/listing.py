"""Which campaigns are shown where: the campaigns index, the home page's news, a
campaign's own page. Views and templates ask `CampaignQuery`; they never filter pages.

A campaign is listed in a language only when it has a live page in that language
(see campaigns.models.pages: no Greek fallback for campaigns). "Running" is read from
the dates the page shows (`starts_on`, `ends_on`) on the Athens calendar; whether the
page is online at all is Wagtail's go-live and expiry, applied by `publish_scheduled`.
"""

from django.core.paginator import Paginator
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from campaigns.models.pages import CampaignIndexPage, CampaignPage
from directory.models import AdministrativeArea

INDEX_PAGE_SIZE = 12
NEWS_LIMIT = 3

RUNNING, UPCOMING, PAST = 0, 1, 2
STATUS_LABELS = {RUNNING: _("Running now"), UPCOMING: _("Coming soon"), PAST: _("Past campaigns")}


class CampaignQuery:
    """Live campaigns of one language, with their status on a given Athens day."""

    def __init__(self, locale=None, today=None):
        self.locale = locale or Locale.get_active()
        self.today = today or timezone.localdate()

    def live(self):
        return CampaignPage.objects.live().public().filter(locale=self.locale)

    def running_q(self):
        return (Q(starts_on__isnull=True) | Q(starts_on__lte=self.today)) & (
            Q(ends_on__isnull=True) | Q(ends_on__gte=self.today)
        )

    def with_status(self, queryset=None):
        queryset = self.live() if queryset is None else queryset
        return queryset.annotate(
            status=Case(
                When(self.running_q(), then=Value(RUNNING)),
                When(starts_on__gt=self.today, then=Value(UPCOMING)),
                default=Value(PAST),
                output_field=IntegerField(),
            )
        )

    def listing(self, index=None):
        """Running first (newest start first), then coming soon (soonest first), then past."""
        queryset = self.live().child_of(index) if index is not None else self.live()
        return (
            self.with_status(queryset)
            .select_related("hero_image")
            .order_by(
                "status",
                Case(When(status=UPCOMING, then="starts_on"), default=None).asc(nulls_last=True),
                F("starts_on").desc(nulls_last=True),
                "-first_published_at",
                "pk",
            )
        )

    def running(self, limit=NEWS_LIMIT):
        """What is running now, newest first: the home page's news."""
        return list(
            self.live()
            .filter(self.running_q())
            .select_related("hero_image")
            .order_by(F("starts_on").desc(nulls_last=True), "-first_published_at", "-pk")[:limit]
        )


def campaign_index_context(request, page):
    query = CampaignQuery(page.locale)
    paginator = Paginator(query.listing(page), INDEX_PAGE_SIZE)
    results = paginator.get_page(request.GET.get("page"))  # junk and out-of-range numbers give a valid page
    campaigns = list(results.object_list)
    groups = []
    for campaign in campaigns:
        if not groups or groups[-1]["status"] != campaign.status:
            groups.append({"status": campaign.status, "label": STATUS_LABELS[campaign.status], "items": []})
        groups[-1]["items"].append(campaign)
    return {"results": results, "campaign_groups": groups, "query_string": ""}


def _labels(terms, locale):
    """Names of taxonomy terms or areas in `locale` (the Greek name where untranslated)."""
    terms = list(terms)
    if not terms:
        return []
    model = type(terms[0])
    name_field = "short_name" if model is AdministrativeArea else "name"
    names = {
        key: short or name
        for key, short, name in model.objects.filter(
            locale=locale, translation_key__in=[t.translation_key for t in terms]
        ).values_list("translation_key", name_field, "name")
    }
    return [names.get(t.translation_key) or str(getattr(t, "display_name", t.name)) for t in terms]


def campaign_page_context(request, page):
    query = CampaignQuery(page.locale)
    status = query.with_status(CampaignPage.objects.filter(pk=page.pk)).values_list("status", flat=True).first()
    return {
        "campaign_status": status,
        "campaign_status_label": STATUS_LABELS.get(status, ""),
        "target_group_names": _labels(page.target_groups.all().order_by("sort_order", "name"), page.locale),
        "area_names": _labels(page.areas.all().order_by("name"), page.locale),
        "campaigns_index": CampaignIndexPage.objects.live().filter(locale=page.locale).first(),
    }


def home_news(locale):
    """The home page's "running now" list and the index it links to."""
    return {
        "campaigns": CampaignQuery(locale).running(),
        "campaigns_index": CampaignIndexPage.objects.live().filter(locale=locale).first(),
    }
