"""Demo consultations and a survey, for `load_demo` (development only).

Three consultations — open, closed with published results, upcoming — built from
realistic Greek texts through the same draft splitter editors use, with comments
in every moderation state, and a needs-mapping survey with answers. Idempotent:
pages are found by slug and kept; their dates are moved on every run so that the
three stay open, closed and upcoming whatever day the demo is loaded.
"""

import datetime
import random
import uuid
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale

from consultations import moderation
from consultations.drafts import merge_draft, parse_draft, text_to_html
from consultations.models import (
    Comment,
    CommentStatus,
    ConsultationIndexPage,
    ConsultationPage,
    ModerationMode,
    RejectionReason,
    SurveyField,
    SurveyPage,
)
from consultations.setup import setup_consultations

TEXTS = Path(__file__).resolve().parent / "demo_texts"

CONSULTATIONS = [
    {
        "slug": "schedio-drasis-koinonikis-entaxis",
        "title": "Τοπικό Σχέδιο Δράσης για την Κοινωνική Ένταξη 2025–2028",
        "summary": (
            "Πώς ο Δήμος και οι εταίροι του δικτύου θα στηρίξουν τους κατοίκους σε φτώχεια ή κοινωνικό "
            "αποκλεισμό: βασικά αγαθά, στέγη, υγεία, απασχόληση, παιδιά, άτομα με αναπηρία, μετανάστες."
        ),
        "text": "action_plan.txt",
        "responsible_body": "Δήμος Κοζάνης – Διεύθυνση Κοινωνικής Προστασίας",
        "dates": (-10, 20),
        "moderation": ModerationMode.PRE,
    },
    {
        "slug": "kanonismos-koinonikou-pantopoleiou",
        "title": "Κανονισμός λειτουργίας του Κοινωνικού Παντοπωλείου",
        "summary": "Ποιος δικαιούται, πώς γίνεται η αίτηση, πώς διανέμονται τα προϊόντα.",
        "text": "grocery_rules.txt",
        "responsible_body": "Κοινωφελής Επιχείρηση Δήμου Κοζάνης",
        "dates": (-60, -30),
        "moderation": ModerationMode.POST,
        "results": (
            "<p>Στη διαβούλευση υποβλήθηκαν σχόλια σε όλα τα άρθρα. Υιοθετήθηκαν οι προτάσεις για διανομή "
            "στο σπίτι και για απλούστερη ανανέωση της ένταξης. Δεν υιοθετήθηκε η πρόταση για κατάργηση του "
            "εισοδηματικού κριτηρίου, γιατί το ορίζει η νομοθεσία.</p>"
        ),
    },
    {
        "slug": "schedio-gia-tin-astegia",
        "title": "Σχέδιο για την πρόληψη και την αντιμετώπιση της αστεγίας",
        "summary": "Πρόληψη εξώσεων, ομάδα δρόμου, «Πρώτα η στέγη», ημερήσιο κέντρο και καταγραφή.",
        "text": "homelessness.txt",
        "responsible_body": "Δήμος Κοζάνης – Κέντρο Κοινότητας",
        "dates": (15, 45),
        "moderation": ModerationMode.PRE,
    },
]

NAMES = ["Μαρία Κ.", "Γιώργος Π.", "Ελένη", "Σύλλογος Γονέων 3ου Δημοτικού", "Νίκος Δ.", "Αϊσέ", "Όλγα Ш.", "Κώστας"]
COMMENTS = [
    ("agree", "Πολύ σωστή πρόβλεψη. Θα πρότεινα να δημοσιεύεται και το ωράριο στον κοινωνικό χάρτη."),
    ("partly", "Συμφωνώ, αλλά οι ορεινές κοινότητες χρειάζονται διανομή τουλάχιστον δύο φορές τον μήνα."),
    ("disagree", "Το όριο των πέντε εργάσιμων ημερών είναι πολύ μεγάλο για κάποιον σε κρίση."),
    ("", "Πώς θα μάθουν για τις υπηρεσίες όσοι δεν έχουν internet; Χρειάζονται έντυπα στα ΚΕΠ."),
    ("agree", "Η διερμηνεία είναι απαραίτητη. Καλό θα ήταν να υπάρχει και στα ρομανί."),
    ("partly", "Οι δείκτες να περιλαμβάνουν και πόσοι ωφελούμενοι βρήκαν σταθερή εργασία μετά από έναν χρόνο."),
]


def _dates(offsets):
    """Start and end at 08:00 Athens time, `offsets` days from today, so the demo always shows the time."""
    today = timezone.localdate()
    at_eight = datetime.time(8, 0)
    return [
        timezone.make_aware(datetime.datetime.combine(today + datetime.timedelta(days=days), at_eight))
        for days in offsets
    ]


def _body_from(text_file):
    parsed = parse_draft((TEXTS / text_file).read_text(encoding="utf-8"))
    blocks, _added, _updated = merge_draft([], parsed)
    return blocks, text_to_html(parsed.preamble)


def _ensure_consultation(index, spec):
    starts_at, ends_at = _dates(spec["dates"])
    page = ConsultationPage.objects.child_of(index).filter(slug=spec["slug"]).first()
    if page is not None:
        ConsultationPage.objects.filter(pk=page.pk).update(starts_at=starts_at, ends_at=ends_at)
        return page.specific if not isinstance(page, ConsultationPage) else page, False
    body, introduction = _body_from(spec["text"])
    page = ConsultationPage(
        title=spec["title"],
        slug=spec["slug"],
        summary=spec["summary"],
        introduction=introduction,
        responsible_body=spec["responsible_body"],
        starts_at=starts_at,
        ends_at=ends_at,
        moderation=spec["moderation"],
        body=body,
        results_published=bool(spec.get("results")),
        results_text=spec.get("results", ""),
    )
    if page.results_published:
        page.results_published_at = ends_at + datetime.timedelta(days=10)
    index.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def _add_comments(page, rng, moderator):
    """Comments in every state: pending, approved (one with an official reply), rejected, spam, flagged."""
    keys = [article.key for article in page.articles()]
    labels = {article.key: article.label for article in page.articles()}
    created = []
    for n, (stance, text) in enumerate(COMMENTS * 2):
        key = "" if n % 5 == 0 else rng.choice(keys)
        comment = Comment.objects.create(
            consultation=page,
            article_key=key,
            article_label=labels.get(key, ""),
            author_name=NAMES[n % len(NAMES)],
            email=f"demo{n}@example.org",
            text=text,
            stance=stance,
            notify_results=n % 3 == 0,
            submission_token=uuid.uuid4(),
            status=CommentStatus.PENDING,
        )
        created.append(comment)
    for comment in created[:7]:
        moderation.approve(comment, moderator)
    moderation.reply(
        created[1], moderator, "Ευχαριστούμε. Η πρόταση για δεύτερη διανομή τον μήνα θα εξεταστεί στην τελική μορφή."
    )
    moderation.reject(
        created[7], moderator, RejectionReason.OFF_TOPIC, "Το σχόλιο αφορά άλλη υπηρεσία του Δήμου.", notify=False
    )
    spam = Comment.objects.create(
        consultation=page,
        author_name="Best Deals",
        email="deals@example.com",
        text="Φθηνά δάνεια χωρίς εγγυήσεις! Επισκεφθείτε τη σελίδα μας.",
        submission_token=uuid.uuid4(),
    )
    moderation.mark_spam(spam, moderator)
    moderation.flag(created[2], "off_topic", "Δεν αφορά το άρθρο.")
    return len(created) + 1


def _ensure_survey(index):
    survey = SurveyPage.objects.child_of(index).filter(slug="chartografisi-anagkon-ilikiomenon").first()
    if survey is not None:
        return survey, False
    survey = SurveyPage(
        title="Χαρτογράφηση αναγκών ηλικιωμένων που ζουν μόνοι",
        slug="chartografisi-anagkon-ilikiomenon",
        intro="<p>Πείτε μας τι χρειάζεστε εσείς ή ένας ηλικιωμένος συγγενής σας. Χρειάζονται πέντε λεπτά.</p>",
        thank_you_text="<p>Οι απαντήσεις σας θα βοηθήσουν να σχεδιάσουμε το πρόγραμμα «Βοήθεια στο Σπίτι».</p>",
        publish_results=True,
    )
    index.add_child(instance=survey)
    questions = [
        ("Σε ποιον δήμο μένετε;", "municipality", "", True),
        ("Ποια είναι η ηλικία σας;", "radio", "Κάτω από 65\n65–74\n75–84\n85 και άνω", True),
        ("Τι βοήθεια χρειάζεστε;", "checkboxes", "Ψώνια\nΦάρμακα\nΚαθαριότητα\nΣυντροφιά\nΜετακινήσεις", False),
        ("Πόσο εύκολα βρίσκετε βοήθεια όταν τη χρειάζεστε;", "scale", "Καθόλου εύκολα\nΠολύ εύκολα", True),
        ("Τι άλλο θα θέλατε να μας πείτε;", "multiline", "", False),
    ]
    for order, (label, field_type, choices, required) in enumerate(questions):
        SurveyField.objects.create(
            page=survey, sort_order=order, label=label, field_type=field_type, choices=choices, required=required
        )
    survey.save_revision().publish()
    return survey, True


def _add_survey_answers(survey, rng, count=25):
    from directory.models import AdministrativeArea, AreaLevel

    municipalities = list(
        AdministrativeArea.objects.filter(locale=Locale.get_default(), level=AreaLevel.MUNICIPALITY)
        .order_by("code")
        .values_list("code", flat=True)[:6]
    )
    fields = {f.field_type: f.clean_name for f in survey.get_form_fields()}
    submission_class = survey.get_submission_class()
    for _n in range(count):
        municipality = rng.choice(municipalities) if municipalities else ""
        answers = {
            fields["municipality"]: municipality,
            fields["radio"]: rng.choice(["65–74", "75–84", "85 και άνω"]),
            fields["checkboxes"]: rng.sample(["Ψώνια", "Φάρμακα", "Καθαριότητα", "Συντροφιά", "Μετακινήσεις"], 2),
            fields["scale"]: str(rng.randint(1, 5)),
            fields["multiline"]: rng.choice(["", "Θα ήθελα κάποιον να με πηγαίνει στο Κέντρο Υγείας."]),
        }
        submission_class.objects.create(
            page=survey, form_data=answers, municipality_code=municipality, submission_token=uuid.uuid4()
        )
    return count


@transaction.atomic
def load_consultations_demo():
    """Create (or refresh the dates of) the demo consultations and survey. Returns a line for the console."""
    from django.contrib.auth import get_user_model

    index, group = setup_consultations()
    index = ConsultationIndexPage.objects.get(pk=index.pk)
    moderator, created_user = get_user_model().objects.get_or_create(
        username="synodos", defaults={"email": "synodos@example.org"}
    )
    if created_user:
        moderator.set_unusable_password()
        moderator.save()
    moderator.groups.add(group)
    rng = random.Random(2025)  # noqa: S311 - demo data, not security
    made, comments = 0, 0
    for spec in CONSULTATIONS:
        page, created = _ensure_consultation(index, spec)
        made += created
        if spec["dates"][0] <= 0 and not Comment.objects.filter(consultation=page).exists():
            comments += _add_comments(page, rng, moderator)
    survey, survey_created = _ensure_survey(index)
    answers = 0
    if not survey.get_submission_class().objects.filter(page=survey).exists():
        answers = _add_survey_answers(survey, rng)
    return (
        f"Consultations: {made} created, {len(CONSULTATIONS) - made} kept · comments added: {comments} · "
        f"survey {'created' if survey_created else 'kept'}, answers added: {answers}"
    )
