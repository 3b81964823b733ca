"""Create the skeleton every installation needs: locales, home pages, social map.

Idempotent: safe to run on every `make run` and from tests. Content (organisations,
services) comes from the HSDS importer, not from here.
"""

from django.conf import settings
from django.db import transaction

from wagtail.models import Collection, Locale, Page, Site

# Titles and introductions of the structural pages, per language. Page content is
# not a gettext string: editors change it in the admin afterwards.
STRUCTURE = {
    "home": {
        "el": (
            "Κοινωνία: βοήθεια κοντά σας",
            "Βρείτε κοινωνικές υπηρεσίες κοντά σας: σίτιση, στέγη, υγεία, νομική βοήθεια και άλλα.",
        ),
        "en": (
            "Koinonia: help near you",
            "Find social services near you: food, shelter, health, legal advice and more.",
        ),
        "ar": (
            "كوينونيا: مساعدة قريبة منك",
            "ابحث عن الخدمات الاجتماعية القريبة منك: الطعام والمأوى والصحة والمشورة القانونية وغيرها.",
        ),
        "uk": (
            "Койнонія: допомога поруч",
            "Знайдіть соціальні послуги поруч: їжа, житло, здоров'я, юридична допомога та інше.",
        ),
    },
    "social-map": {
        "el": ("Κοινωνικός χάρτης", "Υπηρεσίες και φορείς που βοηθούν, ανά ανάγκη, ομάδα και περιοχή."),
        "en": ("Social map", "Services and organisations that help, by need, group and place."),
        "ar": ("الخريطة الاجتماعية", "خدمات ومنظمات تقدم المساعدة، حسب الحاجة والفئة والمكان."),
        "uk": ("Соціальна мапа", "Служби та організації, що допомагають: за потребою, групою та місцем."),
    },
    "accessibility": {
        "el": ("Δήλωση προσβασιμότητας", ""),
        "en": ("Accessibility statement", ""),
        "ar": ("بيان إمكانية الوصول", ""),
        "uk": ("Заява про доступність", ""),
    },
    "good-practices": {
        "el": ("Καλές πρακτικές", "Τι έκαναν οι εταίροι του δικτύου, για να το μάθουν και άλλοι."),
        "en": ("Good practices", "What partners of the network did that others can learn from."),
        "ar": ("الممارسات الجيدة", "ما قام به شركاء الشبكة ويمكن للآخرين التعلم منه."),
        "uk": ("Добрі практики", "Що зробили партнери мережі і чого можуть навчитися інші."),
    },
}


def _text(key, language):
    texts = STRUCTURE[key]
    return texts.get(language) or texts["en"]


@transaction.atomic
def ensure_site_tree():
    """Return the Greek HomePage, creating locales, pages and the Site if missing."""
    from directory.models import DirectoryIndexPage, GoodPracticeIndexPage
    from portal.models import HomePage

    default_locale, _created = Locale.objects.get_or_create(language_code=settings.LANGUAGE_CODE)
    if Collection.get_first_root_node() is None:
        # Created by Wagtail's migrations; missing only in a flushed database (browser tests).
        Collection.add_root(name="Root")
    for code, _name in settings.LANGUAGES:
        Locale.objects.get_or_create(language_code=code)

    home = HomePage.objects.filter(locale=default_locale).first()
    if home is None:
        root = Page.get_first_root_node()
        if root is None:
            # Wagtail's migrations create the root; a flushed database (browser tests) has none.
            root = Page.add_root(instance=Page(title="Root", slug="root", locale=default_locale))
        # Wagtail's "Welcome" placeholder page is replaced by our home page.
        for page in Page.objects.child_of(root).exclude(content_type__model="homepage"):
            page.delete()
        title, intro = _text("home", default_locale.language_code)
        home = root.add_child(instance=HomePage(title=title, slug="home", locale=default_locale, intro=intro))
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": settings.WAGTAIL_SITE_NAME},
    )

    directory = DirectoryIndexPage.objects.child_of(home).first()
    if directory is None:
        title, intro = _text("social-map", default_locale.language_code)
        directory = home.add_child(
            instance=DirectoryIndexPage(title=title, slug="social-map", locale=default_locale, intro=intro)
        )
    if not GoodPracticeIndexPage.objects.child_of(directory).exists():
        title, intro = _text("good-practices", default_locale.language_code)
        directory.add_child(
            instance=GoodPracticeIndexPage(title=title, slug="good-practices", locale=default_locale, intro=intro)
        )
    _ensure_accessibility_statement(home)
    _ensure_translations(home)
    _ensure_site_text(default_locale)
    ensure_site_chrome(home)
    return home


def ensure_site_chrome(home):
    """The privacy notice, terms of participation, cookie statement and helplines, in
    every language (see portal/legal_seeds.py and portal/chrome_seeds.py)."""
    import datetime

    from portal import legal_seeds
    from portal.models import PrivacyNoticePage, SiteText, StandardPage

    def privacy_fields(language):
        text = legal_seeds.PRIVACY.get(language, legal_seeds.PRIVACY["en"])
        return {
            "title": text["title"],
            "authority_name": text["authority_name"],
            "authority_address": text["authority_address"],
            "recipients": text["recipients"],
            "transfers": text["transfers"],
            "rights": text["rights"],
            "processing": [
                (
                    "activity",
                    {"name": name, "data": data, "purpose": purpose, "legal_basis": basis, "retention": retention},
                )
                for name, data, purpose, basis, retention in text["processing"]
            ],
        }

    privacy = _ensure_translated_page(
        home,
        PrivacyNoticePage,
        "privacy",
        lambda language: PrivacyNoticePage(
            controller_name="Κοινωνία",
            controller_email="privacy@koinonia.example",
            dpo_email="dpo@koinonia.example",
            last_updated=datetime.date(2026, 12, 7),
            **privacy_fields(language),
        ),
        privacy_fields,
    )

    def standard_fields(texts):
        def fields(language):
            title, intro, body = texts.get(language, texts["en"])
            return {"title": title, "intro": intro, "body": body}

        return fields

    pages = {}
    for slug, texts in (("terms", legal_seeds.TERMS), ("cookies", legal_seeds.COOKIES)):
        fields = standard_fields(texts)
        pages[slug] = _ensure_translated_page(
            home,
            StandardPage,
            slug,
            lambda language, fields=fields: StandardPage(**fields(language)),
            fields,
        )
    for site_text in SiteText.objects.filter(terms_page__isnull=True, cookies_page__isnull=True):
        site_text.terms_page, site_text.cookies_page = pages["terms"], pages["cookies"]
        site_text.save(update_fields=["terms_page", "cookies_page"])
    _ensure_helplines(home.locale)
    return privacy


def _ensure_translated_page(home, model, slug, build, translated_fields):
    """A page of `model` at /<language>/<slug>/ under every language's home, created once.

    `build(language)` makes the default-language page; `translated_fields(language)`
    gives each translation its own text. An existing page (an editor's) is left alone.
    """
    page = model.objects.child_of(home).filter(slug=slug).first()
    if page is None:
        page = build(home.locale.language_code)
        page.slug, page.locale, page.show_in_menus = slug, home.locale, False
        home.add_child(instance=page)
        page.save_revision().publish()
    for locale in Locale.objects.exclude(pk=home.locale_id):
        if page.has_translation(locale):
            continue
        translation = page.copy_for_translation(locale, copy_parents=True)
        for field, value in translated_fields(locale.language_code).items():
            setattr(translation, field, value)
        translation.save_revision().publish()
    return page


def _ensure_helplines(default_locale):
    """The national helplines, once, in every language (sharing translation keys)."""
    from portal.chrome_seeds import HELPLINES, HOURS_24
    from portal.models import Helpline

    if Helpline.objects.exists():
        return
    for order, (number, source, all_day, texts) in enumerate(HELPLINES):
        greek = None
        for locale in [default_locale, *Locale.objects.exclude(pk=default_locale.pk)]:
            language = locale.language_code
            name, description = texts.get(language, texts["en"])
            line = Helpline(
                locale=locale,
                number=number,
                name=name,
                description=description,
                hours=HOURS_24.get(language, HOURS_24["en"]) if all_day else "",
                source=source,
                sort_order=order,
            )
            if greek is not None:
                line.translation_key = greek.translation_key
            line.save()
            greek = greek or line


def _ensure_site_text(default_locale):
    """One SiteText per language, sharing a translation key (the brand name stays Greek)."""
    from portal.models import SiteText

    greek = SiteText.objects.filter(locale=default_locale).first() or SiteText.objects.create(locale=default_locale)
    for locale in Locale.objects.exclude(pk=default_locale.pk):
        if not SiteText.objects.filter(locale=locale).exists():
            copy = greek.copy_for_translation(locale)
            copy.save()


# The enforcement procedure of Law 4727/2020 (art. 42) and the known gaps at launch.
STATEMENT_TEXT = {
    "el": {
        "non_accessible_content": (
            "<p>Ο χάρτης υπηρεσιών είναι οπτικός· η ίδια πληροφορία δίνεται πάντα και ως λίστα δίπλα του. "
            "Έγγραφα PDF που ανεβάζουν οι φορείς μπορεί να μην είναι προσβάσιμα· ζητήστε τα σε άλλη μορφή.</p>"
        ),
        "enforcement_procedure": (
            "<p>Αν δεν λάβετε ικανοποιητική απάντηση εντός της προθεσμίας, μπορείτε να απευθυνθείτε στο "
            "Υπουργείο Ψηφιακής Διακυβέρνησης, αρμόδιο για την εφαρμογή του ν. 4727/2020 (άρθρα 37-44), "
            "ή στον Συνήγορο του Πολίτη.</p>"
        ),
    },
    "en": {
        "non_accessible_content": (
            "<p>The map of services is visual; the same information is always given as a list beside it. "
            "PDF documents uploaded by organisations may not be accessible; ask us for another format.</p>"
        ),
        "enforcement_procedure": (
            "<p>If you do not receive a satisfactory answer within the deadline, you can contact the Ministry of "
            "Digital Governance, responsible for Law 4727/2020 (articles 37-44), or the Greek Ombudsman.</p>"
        ),
        "method": "Self-assessment with automated checks (axe-core) at every release and manual keyboard checks.",
    },
    "ar": {
        "non_accessible_content": (
            "<p>خريطة الخدمات مرئية؛ لكن المعلومات نفسها معروضة دائمًا أيضًا كقائمة بجانبها. "
            "قد لا تكون ملفات PDF التي ترفعها المنظمات سهلة الوصول؛ اطلبوها منا بصيغة أخرى.</p>"
        ),
        "enforcement_procedure": (
            "<p>إذا لم تتلقوا ردًا مرضيًا خلال المهلة، يمكنكم التوجه إلى وزارة الحوكمة الرقمية، "
            "المسؤولة عن تطبيق القانون 4727/2020 (المواد 37-44)، أو إلى أمين المظالم اليوناني.</p>"
        ),
        "method": "تقييم ذاتي بفحوص آلية (axe-core) في كل إصدار وفحوص يدوية باستخدام لوحة المفاتيح.",
    },
    "uk": {
        "non_accessible_content": (
            "<p>Мапа послуг є візуальною; та сама інформація завжди подається також списком поруч із нею. "
            "PDF-документи, які завантажують організації, можуть бути недоступними; попросіть нас про інший формат.</p>"
        ),
        "enforcement_procedure": (
            "<p>Якщо ви не отримали задовільної відповіді в строк, ви можете звернутися до Міністерства "
            "цифрового врядування, відповідального за застосування Закону 4727/2020 (статті 37–44), "
            "або до Омбудсмена Греції.</p>"
        ),
        "method": (
            "Самооцінка з автоматичними перевірками (axe-core) у кожному випуску та ручними перевірками з клавіатури."
        ),
    },
}


def _ensure_accessibility_statement(home):
    import datetime

    from portal.models import AccessibilityStatementPage

    if AccessibilityStatementPage.objects.child_of(home).exists():
        return
    title, _intro = _text("accessibility", home.locale.language_code)
    text = STATEMENT_TEXT.get(home.locale.language_code, STATEMENT_TEXT["en"])
    home.add_child(
        instance=AccessibilityStatementPage(
            title=title,
            slug="accessibility",
            locale=home.locale,
            show_in_menus=False,
            prepared_on=datetime.date(2026, 11, 22),
            feedback_email="accessibility@koinonia.example",
            **text,
        )
    )


def _ensure_translations(home):
    """Every enabled language gets its own copy of the structural pages."""
    from directory.models import DirectoryIndexPage, GoodPracticeIndexPage
    from portal.models import AccessibilityStatementPage

    structural = [
        home,
        *DirectoryIndexPage.objects.child_of(home),
        *GoodPracticeIndexPage.objects.descendant_of(home),
        *AccessibilityStatementPage.objects.child_of(home),
    ]
    for locale in Locale.objects.exclude(pk=home.locale_id):
        for page in structural:
            page = page.specific
            if page.has_translation(locale):
                continue
            translation = page.copy_for_translation(locale, copy_parents=True)
            translation.title, intro = _text(page.slug, locale.language_code)
            if hasattr(translation, "intro"):
                translation.intro = intro
            for field, value in STATEMENT_TEXT.get(locale.language_code, STATEMENT_TEXT["en"]).items():
                if hasattr(translation, field):
                    setattr(translation, field, value)
            translation.save_revision().publish()
