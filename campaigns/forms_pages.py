"""The editor form of campaign pages.

Target groups are the social map's taxonomy, narrowed to the page's language as on
services (directory.widgets.TaxonomyTermsForm). Areas are the Greek regions and
regional units, grouped by region in fieldsets: a campaign speaks to a region or a
regional unit (a municipality's campaign names it in its text), and 87 boxes in 13
groups can be read, where the whole tree in four languages (1,700 rows) could not.
"""

from django.utils.translation import gettext as _

from wagtail.models import Locale

from directory.models import AdministrativeArea, AreaLevel
from directory.widgets import GroupedTermCheckboxes, TaxonomyTermsForm

AREA_LEVELS = (AreaLevel.REGION, AreaLevel.REGIONAL_UNIT)


def grouped_areas():
    """[(region name, [(region pk, "<region> (the whole region)"), (unit pk, name), …]), …]"""
    areas = list(AdministrativeArea.objects.filter(locale=Locale.get_default(), level__in=AREA_LEVELS).order_by("name"))
    units = {}
    for area in areas:
        if area.level == AreaLevel.REGIONAL_UNIT:
            units.setdefault(area.parent_id, []).append(area)
    groups = []
    for region in (a for a in areas if a.level == AreaLevel.REGION):
        whole = _("%(region)s (the whole region)") % {"region": region.display_name}
        groups.append(
            (region.display_name, [(region.pk, whole), *((u.pk, u.display_name) for u in units.get(region.pk, []))])
        )
    return areas, groups


class CampaignPageForm(TaxonomyTermsForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields.get("areas")
        if field is None:
            return
        areas, groups = grouped_areas()
        field.queryset = AdministrativeArea.objects.filter(pk__in=[a.pk for a in areas])
        field.widget = GroupedTermCheckboxes(choices=groups)
