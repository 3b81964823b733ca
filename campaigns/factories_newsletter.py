"""Factories of the newsletter's models, for tests and benchmarks (factory_boy)."""

import factory

from django.utils import timezone

from wagtail.models import Locale

from campaigns.models.newsletter import NewsletterIssue, NewsletterTopic, PendingSignup, Subscriber
from core.site import default_home


class NewsletterTopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterTopic
        django_get_or_create = ("code", "locale")

    code = factory.Sequence(lambda n: f"topic-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").capitalize())
    locale = factory.LazyFunction(Locale.get_default)


class PendingSignupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PendingSignup

    email = factory.Sequence(lambda n: f"pending{n}@example.org")
    language = "el"


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    language = "el"
    confirmed_at = factory.LazyFunction(timezone.now)


class NewsletterIssueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = NewsletterIssue

    subject = factory.Sequence(lambda n: f"Νέα του δικτύου #{n}")
    language = "el"
    page = factory.LazyFunction(lambda: _home())


def _home():
    return default_home()
