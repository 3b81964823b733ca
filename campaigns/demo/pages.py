"""Demo campaigns, for `load_demo` (development only).

The campaigns index in every language, and three campaigns that show what the section
does: "Χειμώνας χωρίς κρύο" runs now in Greek and English, "Δικαιούσαι ΚΕΑ;" is
scheduled (Wagtail's go-live in three days, so `publish_scheduled` will put it online)
in Greek and English, and a past summer campaign exists in Greek only (so /en/ and
/ar/ show a campaign that runs in a subset of languages). camp-reach attaches materials
to the first two by slug. Idempotent: pages are found by slug and their dates moved on
every run, so "running", "scheduled" and "past" stay true whatever day it is loaded.
"""

import datetime
import io
import json
import uuid

from django.core.files.images import ImageFile
from django.db import transaction
from django.utils import timezone

from wagtail.images.models import Image
from wagtail.models import Locale, Site

from campaigns.models import CampaignIndexPage, CampaignPage

RUNNING_SLUG = "winter-without-cold"
SCHEDULED_SLUG = "minimum-income-2027"
PAST_SLUG = "summer-heat-2026"

INDEX = {
    "el": ("Εκστρατείες", "Οι ενημερωτικές εκστρατείες του δικτύου: τι τρέχει τώρα και πού θα βρείτε βοήθεια."),
    "en": ("Campaigns", "The network's awareness campaigns: what is running now and where to find help."),
    "ar": ("الحملات", "حملات التوعية التي تنظمها الشبكة: ما يجري الآن وأين تجد المساعدة."),
    "uk": ("Кампанії", "Інформаційні кампанії мережі: що триває зараз і де знайти допомогу."),
}


def _image(title, colours):
    """A plain 1600x900 picture (two bands and a sun or a coin), made with Pillow:
    the demo needs real renditions for share cards, not photographs."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    existing = Image.objects.filter(title=title).first()
    if existing is not None:
        return existing
    picture = PILImage.new("RGB", (1600, 900), colours[0])
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 560, 1600, 900), fill=colours[1])
    draw.ellipse((1080, 120, 1400, 440), fill=colours[2])
    for i in range(6):
        draw.rectangle((120 + i * 150, 380 - i * 30, 220 + i * 150, 560), fill=colours[3])
    buffer = io.BytesIO()
    picture.save(buffer, format="JPEG", quality=85)
    return Image.objects.create(title=title, file=ImageFile(buffer, name=f"campaign-{uuid.uuid4().hex[:8]}.jpg"))


def _block(kind, value):
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


def _text(html):
    return _block("text", html)


def _pks(model, **filters):
    return list(model.objects.filter(**filters).values_list("pk", flat=True))


def _winter_body(language):
    from directory.models import ServiceCategory, ServicePage

    shelters = _pks(
        ServicePage,
        locale__language_code="el",
        live=True,
        slug__in=["kentro-koinotitas-dimou-kozanis", "koinoniko-pantopoleio-dimou-kozanis"],
    )
    categories = _pks(ServiceCategory, locale__language_code="el", code__in=["night-shelter", "clothing"])
    if language == "el":
        return [
            _text(
                "<p>Κανείς δεν πρέπει να περάσει τον χειμώνα σε κρύο σπίτι. Το επίδομα θέρμανσης, οι "
                "κουβέρτες και τα ρούχα των κοινωνικών δομών και οι θερμαινόμενοι χώροι των δήμων είναι "
                "για όλους όσοι τα χρειάζονται.</p><h2>Τι μπορείτε να κάνετε</h2><ul><li>Κάντε αίτηση για "
                "το επίδομα θέρμανσης στο Κέντρο Κοινότητας του δήμου σας.</li><li>Ζητήστε κουβέρτες και "
                "ζεστά ρούχα από το Κοινωνικό Παντοπωλείο.</li><li>Αν γνωρίζετε άστεγο συμπολίτη, καλέστε "
                "τη γραμμή 1502 ή την ομάδα δρόμου.</li></ul>"
            ),
            _block(
                "quote",
                {
                    "quote": "Πέρσι πήραμε πετρέλαιο για όλο τον Ιανουάριο. Δεν ήξερα ότι δικαιούμαστε.",
                    "attribution": "Μητέρα τριών παιδιών, Κοζάνη",
                },
            ),
            _block(
                "services",
                {"heading": "Πού θα βρείτε βοήθεια", "services": shelters, "categories": categories},
            ),
            _block(
                "call_to_action",
                {
                    "label": "Αίτηση για το επίδομα θέρμανσης στο gov.gr",
                    "page": None,
                    "url": "https://www.gov.gr/",
                    "text": "Το επίδομα θέρμανσης ζητείται και ηλεκτρονικά.",
                },
            ),
        ]
    if language == "ar":
        return [
            _text(
                "<p>لا ينبغي لأحد أن يقضي الشتاء في بيت بارد. إعانة التدفئة والبطانيات والملابس من الخدمات "
                "الاجتماعية والأماكن الدافئة في البلديات متاحة لكل من يحتاج إليها.</p><h2>ماذا يمكنك أن تفعل</h2>"
                "<ul><li>قدّم طلب إعانة التدفئة في مركز المجتمع في بلديتك.</li><li>اطلب البطانيات والملابس "
                "الدافئة من البقالة الاجتماعية.</li><li>إذا كنت تعرف شخصًا ينام في الشارع، اتصل بالرقم 1502.</li></ul>"
            ),
            _block("services", {"heading": "أين تجد المساعدة", "services": shelters, "categories": categories}),
        ]
    return [
        _text(
            "<p>No one should spend the winter in a cold home. The heating allowance, blankets and "
            "clothes from social services, and the municipalities' warm spaces are there for everyone "
            "who needs them.</p><h2>What you can do</h2><ul><li>Apply for the heating allowance at your "
            "municipality's Community Centre.</li><li>Ask the Social Grocery for blankets and warm "
            "clothes.</li><li>If you know someone sleeping rough, call 1502 or the street work team.</li></ul>"
        ),
        _block(
            "quote",
            {
                "quote": "Last year we got heating oil for the whole of January. I didn't know we were entitled.",
                "attribution": "Mother of three, Kozani",
            },
        ),
        _block("services", {"heading": "Where to find help", "services": shelters, "categories": categories}),
    ]


def _income_body(language):
    from consultations.models import SurveyPage
    from directory.models import ServiceCategory

    categories = _pks(ServiceCategory, locale__language_code="el", code__in=["gmi", "welfare-benefits"])
    survey = SurveyPage.objects.filter(locale__language_code="el").first()
    blocks = [
        _text(
            "<p>Το Ελάχιστο Εγγυημένο Εισόδημα (πρώην ΚΕΑ) στηρίζει νοικοκυριά σε ακραία φτώχεια με "
            "χρήματα, κοινωνικές υπηρεσίες και βοήθεια για δουλειά. Πολλοί που το δικαιούνται δεν το "
            "ζητούν. Το Κέντρο Κοινότητας σάς βοηθά με την αίτηση, δωρεάν.</p>"
        )
        if language == "el"
        else _text(
            "<p>The Guaranteed Minimum Income (formerly KEA) supports households in extreme poverty with "
            "money, social services and help into work. Many who are entitled never apply. Your Community "
            "Centre helps you with the application, free of charge.</p>"
        ),
        _block(
            "services",
            {
                "heading": "Βοήθεια με την αίτηση" if language == "el" else "Help with the application",
                "services": [],
                "categories": categories,
            },
        ),
    ]
    if survey is not None:
        blocks.append(
            _block(
                "take_part",
                {
                    "page": survey.pk,
                    "text": "Πείτε μας τι χρειάζεστε." if language == "el" else "Tell us what you need.",
                },
            )
        )
    return blocks


CAMPAIGNS = [
    {
        "slug": RUNNING_SLUG,
        "days": (-20, 70),
        "go_live_days": None,
        "image": ("Εκστρατεία: Χειμώνας χωρίς κρύο", ("#1d4e89", "#dfe9f3", "#f6c945", "#8aa9c8")),
        "groups": ["elderly", "homeless", "large-family"],
        "areas": ["ru-0303", "ru-0905"],
        "body": _winter_body,
        "text": {
            "el": (
                "Χειμώνας χωρίς κρύο",
                "Επίδομα θέρμανσης, κουβέρτες, ζεστά ρούχα και θερμαινόμενοι χώροι: πού θα τα βρείτε αυτόν "
                "τον χειμώνα και πώς να βοηθήσετε όποιον κρυώνει.",
                "Παιδιά παίζουν έξω από πολυκατοικία κάτω από χειμωνιάτικο ήλιο",
            ),
            "en": (
                "Winter without cold",
                "Heating allowance, blankets, warm clothes and warm spaces: where to find them this winter "
                "and how to help anyone left in the cold.",
                "Children playing outside a block of flats under a winter sun",
            ),
            "ar": (
                "شتاء بلا برد",
                "إعانة التدفئة والبطانيات والملابس الدافئة والأماكن الدافئة: أين تجدها هذا الشتاء وكيف تساعد "
                "من يعاني من البرد.",
                "أطفال يلعبون أمام مبنى سكني تحت شمس الشتاء",
            ),
        },
    },
    {
        "slug": SCHEDULED_SLUG,
        "days": (5, 65),
        "go_live_days": 3,
        "image": ("Εκστρατεία: Δικαιούσαι ΚΕΑ;", ("#0b6e4f", "#f1f7ed", "#f4a259", "#5b8e7d")),
        "groups": ["gmi-beneficiaries", "unemployed", "single-parent"],
        "areas": [],
        "body": _income_body,
        "text": {
            "el": (
                "Δικαιούσαι ΚΕΑ;",
                "Το Ελάχιστο Εγγυημένο Εισόδημα είναι δικαίωμα. Δείτε αν το δικαιούστε και κάντε την αίτηση "
                "με τη βοήθεια του Κέντρου Κοινότητας.",
                "Ένα σπίτι στην εξοχή με κήπο, στον ήλιο του απογεύματος",
            ),
            "en": (
                "Are you entitled to the minimum income?",
                "The Guaranteed Minimum Income is a right. Find out whether you are entitled and apply with "
                "the help of your Community Centre.",
                "A house in the countryside with a garden, in the afternoon sun",
            ),
        },
    },
    {
        "slug": PAST_SLUG,
        "days": (-160, -100),
        "go_live_days": None,
        "image": None,
        "groups": ["elderly", "chronic-illness"],
        "areas": [],
        "body": lambda language: [
            _text(
                "<p>Στους καύσωνες οι κλιματιζόμενες αίθουσες των ΚΑΠΗ ήταν ανοιχτές ως τις 21:00. "
                "Ευχαριστούμε όσους τηλεφώνησαν σε ηλικιωμένους γείτονες.</p>"
            )
        ],
        "text": {
            "el": (
                "Καλοκαίρι με δροσιά",
                "Κλιματιζόμενοι χώροι και τηλεφωνική στήριξη για ηλικιωμένους στους καύσωνες του καλοκαιριού.",
                "",
            ),
        },
    },
]


def ensure_campaigns_index():
    """The campaigns index under the Greek home page, translated into every locale.
    load_demo has built the site tree (portal.bootstrap) before any app's demo."""
    home = Site.objects.get(is_default_site=True).root_page.specific
    index = CampaignIndexPage.objects.child_of(home).first()
    if index is None:
        title, intro = INDEX["el"]
        index = home.add_child(
            instance=CampaignIndexPage(title=title, slug="campaigns", intro=intro, locale=home.locale)
        )
        index.save_revision().publish()
    for locale in Locale.objects.exclude(pk=index.locale_id):
        if index.has_translation(locale):
            continue
        translation = index.copy_for_translation(locale, copy_parents=True)
        translation.title, translation.intro = INDEX.get(locale.language_code, INDEX["en"])
        translation.save_revision().publish()
    return index


def _set_taxonomy(page, spec):
    from directory.models import AdministrativeArea, TargetGroup

    page.target_groups.set(TargetGroup.objects.filter(locale=Locale.get_default(), code__in=spec["groups"]))
    page.areas.set(AdministrativeArea.objects.filter(locale=Locale.get_default(), code__in=spec["areas"]))


def _publish(page, go_live_at):
    page.go_live_at = go_live_at
    revision = page.save_revision()
    revision.publish()  # with go_live_at in the future Wagtail only schedules it


def _ensure_campaign(index, spec):
    today = timezone.localdate()
    starts_on, ends_on = (today + datetime.timedelta(days=d) for d in spec["days"])
    go_live_at = None
    if spec["go_live_days"] is not None:
        go_live_at = timezone.make_aware(
            datetime.datetime.combine(today + datetime.timedelta(days=spec["go_live_days"]), datetime.time(9, 0))
        )
    page = CampaignPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    created = page is None
    if created:
        image = _image(*spec["image"]) if spec["image"] else None
        title, summary, alt = spec["text"]["el"]
        page = CampaignPage(
            title=title,
            slug=spec["slug"],
            summary=summary,
            hero_image=image,
            hero_image_alt=alt if image else "",
            starts_on=starts_on,
            ends_on=ends_on,
            body=json.dumps(spec["body"]("el")),
        )
        index.add_child(instance=page)
        _set_taxonomy(page, spec)
        _publish(page, go_live_at)
    else:
        group = CampaignPage.objects.filter(translation_key=page.translation_key)
        group.update(starts_on=starts_on, ends_on=ends_on)
        if go_live_at is not None:
            for scheduled in group.filter(live=False):
                _publish(scheduled, go_live_at)
    for code, (title, summary, alt) in spec["text"].items():
        locale = Locale.objects.get(language_code=code)
        if code == "el" or page.has_translation(locale):
            continue
        translation = page.copy_for_translation(locale, copy_parents=True)
        translation.title, translation.summary = title, summary
        translation.hero_image_alt = alt if page.hero_image_id else ""
        translation.body = json.dumps(spec["body"](code))
        translation.starts_on, translation.ends_on = starts_on, ends_on
        _set_taxonomy(translation, spec)
        _publish(translation, go_live_at)
    return created


@transaction.atomic
def load_campaign_pages_demo():
    index = ensure_campaigns_index()
    made = sum(_ensure_campaign(index, spec) for spec in CAMPAIGNS)
    return f"Campaign pages: {made} created, {len(CAMPAIGNS) - made} kept (dates refreshed)"
