"""Demo materials of the two demo campaigns, with two weeks of counted reach.

Placements are the kind the team writes (Greek, capitals without accents, a size and a
count); the counts are made up but shaped like a real campaign: more scans at the start
and at weekends' markets, a few of those people going on to a service or a phone call.
Idempotent: materials are found by campaign and placement, and a material that already
has counts keeps them.
"""

import datetime
import random

from django.utils import timezone

from campaigns.admin_reach import ensure_publicity_group
from campaigns.models import CampaignPage, Material, ReachDay

DAYS = 14

MATERIALS = {
    "winter-without-cold": [
        ("poster", "print", "Κέντρο Κοινότητας Κοζάνης, αφίσα A3", 9),
        ("poster", "print", "ΚΕΠ ΠΤΟΛΕΜΑΙΔΑΣ - ΑΦΙΣΑ Α3 (ΕΙΣΟΔΟΣ)", 6),
        ("leaflet", "print", "Λαϊκή αγορά Κοζάνης, φυλλάδιο A5 (1.000 τεμ.)", 5),
        ("sign", "print", "Στάση λεωφορείου ΚΤΕΛ Κοζάνης, πινακίδα 70×100", 3),
        ("social-post", "social", "Facebook σελίδα Δήμου Κοζάνης, ανάρτηση 1/12", 7),
        ("radio-spot", "radio", "Ράδιο Κοζάνη 99.6, σποτ 30″", 2),
    ],
    "minimum-income-2027": [
        ("poster", "print", "Κοινωνικό Παντοπωλείο Εορδαίας, αφίσα A3", 4),
        ("leaflet", "print", "Community Centre of Kozani, leaflet in English/Arabic", 2),
        ("social-post", "social", "Viber κοινότητα γονέων Σερβίων, μήνυμα", 3),
    ],
}
# Of the people who arrive, roughly how many do each thing next.
ACTION_RATES = {"service": 0.35, "search": 0.25, "phone": 0.12, "directions": 0.08, "newsletter": 0.03}


def _campaign(slug):
    from wagtail.models import Locale

    return CampaignPage.objects.filter(slug=slug, locale=Locale.get_default()).first()


def _counts(material, rng, scale):
    today = timezone.localdate()
    rows = []
    for back in range(1, DAYS + 1):
        day = today - datetime.timedelta(days=back)
        start_boost = 2 if back > DAYS - 4 else 1
        scans = rng.randint(0, scale) * start_boost + (scale // 2 if day.weekday() == 5 else 0)
        if not scans:
            continue
        people = max(1, round(scans * rng.uniform(0.7, 0.95)))
        rows.append(ReachDay(day=day, campaign=material.campaign, material=material, channel=material.channel,
                             kind="scan", count=scans, visitors=people))  # fmt: skip
        for kind, rate in ACTION_RATES.items():
            done = sum(1 for _person in range(people) if rng.random() < rate)
            if done:
                rows.append(ReachDay(day=day, campaign=material.campaign, material=material,
                                     channel=material.channel, kind=kind, count=done, visitors=done))  # fmt: skip
    return rows


def load_reach_demo():
    ensure_publicity_group()
    made = counted = 0
    rng = random.Random(2027)  # noqa: S311 - made-up demo figures, the same at every load
    for slug, materials in MATERIALS.items():
        campaign = _campaign(slug)
        if campaign is None:
            continue
        for kind, channel, placement, scale in materials:
            material, created = Material.objects.get_or_create(
                campaign=campaign, placement=placement, defaults={"kind": kind, "channel": channel}
            )
            made += created
            if not ReachDay.objects.filter(material=material).exists():
                rows = _counts(material, rng, scale)
                ReachDay.objects.bulk_create(rows)
                counted += sum(row.count for row in rows if row.kind == "scan")
    return f"Campaign materials: {made} new, {Material.objects.count()} in all; demo scans counted: {counted}"
