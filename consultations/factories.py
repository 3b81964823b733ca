"""Factories for tests, benchmarks and the demo (factory_boy + wagtail-factories)."""

import datetime
import uuid

import factory
import wagtail_factories

from django.utils import timezone

from wagtail.models import Locale

from consultations.models import (
    Comment,
    CommentStatus,
    ConsultationIndexPage,
    ConsultationPage,
    SurveyField,
    SurveyPage,
)
from core.site import default_home


def consultations_index():
    """The Greek consultations section, created on first use (as setup_site does)."""
    from consultations.setup import ensure_consultations_section

    existing = ConsultationIndexPage.objects.filter(locale=Locale.get_default()).first()
    return existing or ensure_consultations_section(default_home())


def article(number, title, text, block_id=None):
    """A raw article block for `body=[...]`."""
    return {
        "type": "article",
        "value": {"number": number, "title": title, "text": f"<p>{text}</p>"},
        "id": block_id or str(uuid.uuid4()),
    }


def chapter(heading, block_id=None):
    return {"type": "chapter", "value": {"heading": heading}, "id": block_id or str(uuid.uuid4())}


def sample_body(count=3):
    return [chapter("Κεφάλαιο Α΄ – Γενικές διατάξεις")] + [
        article(f"Άρθρο {n}", f"Θέμα {n}", f"Κείμενο του άρθρου {n}.") for n in range(1, count + 1)
    ]


class ConsultationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Διαβούλευση {n}")
    slug = factory.Sequence(lambda n: f"diavoulefsi-{n}")
    summary = "Σχέδιο δράσης για την κοινωνική ένταξη."
    responsible_body = "Δήμος Κοζάνης"
    starts_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=3))
    ends_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=10))
    body = factory.LazyFunction(lambda: sample_body())
    parent = factory.LazyFunction(consultations_index)

    class Meta:
        model = ConsultationPage


class CommentFactory(factory.django.DjangoModelFactory):
    consultation = factory.SubFactory(ConsultationPageFactory)
    article_key = ""
    author_name = factory.Sequence(lambda n: f"Πολίτης {n}")
    email = factory.Sequence(lambda n: f"politis{n}@example.org")
    text = "Προτείνω να προστεθεί πρόβλεψη για τις οικογένειες με παιδιά με αναπηρία."
    status = CommentStatus.PENDING
    submission_token = factory.LazyFunction(uuid.uuid4)

    class Meta:
        model = Comment

    @factory.lazy_attribute
    def published_at(self):
        return timezone.now() if self.status == CommentStatus.APPROVED else None


class SurveyPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Έρευνα αναγκών {n}")
    slug = factory.Sequence(lambda n: f"erevna-{n}")
    parent = factory.LazyFunction(consultations_index)

    class Meta:
        model = SurveyPage


class SurveyFieldFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(SurveyPageFactory)
    label = factory.Sequence(lambda n: f"Ερώτηση {n}")
    field_type = "radio"
    required = True
    choices = "Ναι\nΌχι"

    class Meta:
        model = SurveyField
