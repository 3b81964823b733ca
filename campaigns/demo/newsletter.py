"""Demo newsletter: topics in four languages, a few confirmed subscribers (example.org), one sent issue.

Idempotent: topics and subscribers are matched by code and address, the issue by subject.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale, Page

from campaigns.models.newsletter import IssueSend, IssueStatus, NewsletterIssue, NewsletterTopic, Subscriber

TOPICS = [
    # code, {language: name}
    (
        "campaigns",
        {
            "el": "Εκστρατείες ενημέρωσης",
            "en": "Awareness campaigns",
            "ar": "حملات التوعية",
            "uk": "Інформаційні кампанії",
        },
    ),
    (
        "events",
        {
            "el": "Εκδηλώσεις και εργαστήρια",
            "en": "Events and workshops",
            "ar": "فعاليات وورش عمل",
            "uk": "Події та семінари",
        },
    ),
    (
        "new-services",
        {
            "el": "Νέες υπηρεσίες στον χάρτη",
            "en": "New services on the map",
            "ar": "خدمات جديدة على الخريطة",
            "uk": "Нові послуги на мапі",
        },
    ),
    (
        "alerts",
        {"el": "Έκτακτες ανακοινώσεις", "en": "Urgent notices", "ar": "إعلانات عاجلة", "uk": "Термінові оголошення"},
    ),
]
SUBSCRIBERS = [
    ("maria.papadopoulou@example.org", "el", ["campaigns", "events"]),
    ("giorgos.k@example.org", "el", []),
    ("eleni.nikolaou@example.org", "el", ["new-services"]),
    ("volunteer.athens@example.org", "en", ["events"]),
    ("ahmad.h@example.org", "ar", []),
    ("olena.k@example.org", "uk", ["alerts"]),
]
ISSUE_SUBJECT = "Νέα του δικτύου: η εκστρατεία του χειμώνα ξεκίνησε"


def load_topics():
    default = Locale.get_default()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for order, (code, names) in enumerate(TOPICS, start=1):
        source, _created = NewsletterTopic.objects.update_or_create(
            code=code, locale=default, defaults={"name": names["el"], "sort_order": order * 10}
        )
        for language, name in names.items():
            locale = locales.get(language)
            if locale is None or locale.pk == default.pk:
                continue
            translated = source.get_translation_or_none(locale)
            if translated is None:
                translated = source.copy_for_translation(locale)
            translated.name = name
            translated.sort_order = source.sort_order
            translated.save()


def _issue_page():
    """A live campaign page if the campaigns demo made one, else the Greek home page."""
    default = Locale.get_default()
    pages = Page.objects.live().filter(locale=default)
    try:
        from campaigns.models import CampaignPage

        campaign = CampaignPage.objects.live().filter(locale=default).order_by("pk").first()
    except ImportError:
        campaign = None
    return campaign or pages.filter(depth=2).first()


def load_newsletter_demo():
    from campaigns.admin_newsletter import ensure_newsletter_permissions

    ensure_newsletter_permissions()
    load_topics()
    now = timezone.now()
    for days_ago, (email, language, topics) in enumerate(SUBSCRIBERS, start=3):
        Subscriber.objects.update_or_create(
            email=email,
            defaults={
                "language": language,
                "topics": topics,
                "confirmed_at": now - datetime.timedelta(days=days_ago * 5),
            },
        )
    page = _issue_page()
    issue_made = 0
    if page is not None and not NewsletterIssue.objects.filter(subject=ISSUE_SUBJECT).exists():
        sent_at = now - datetime.timedelta(days=2)
        issue = NewsletterIssue.objects.create(
            subject=ISSUE_SUBJECT,
            page=page,
            language="el",
            introduction="Καλησπέρα σας! Δείτε τι ετοιμάσαμε αυτόν τον μήνα.",
            status=IssueStatus.SENT,
            created_at=sent_at - datetime.timedelta(hours=3),
            queued_at=sent_at - datetime.timedelta(minutes=12),
            sent_at=sent_at,
            sent_count=3,
        )
        IssueSend.objects.create(
            issue=issue, started_at=sent_at - datetime.timedelta(minutes=10), finished_at=sent_at, sent=3
        )
        issue_made = 1
    return (
        f"newsletter: {len(TOPICS)} topics, {Subscriber.objects.count()} subscribers, {issue_made} sent issue created"
    )
