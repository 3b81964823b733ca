"""Test data for alerts: `AlertFactory(texts={"el": "..."}, area_codes=["m-67"])`.

Times are relative to now (onset now, expires in a day) so that tests freeze nothing:
an expired alert is one whose `expires` is in the past.
"""

import datetime

import factory

from django.utils import timezone

from wagtail.models import Locale

from campaigns.models.alerts import Alert, AlertInfo
from directory.models import AdministrativeArea


class AlertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alert
        skip_postgeneration_save = True

    event = "Καύσωνας"
    category = "Met"
    severity = "Severe"
    urgency = "Immediate"
    certainty = "Observed"
    sent = factory.LazyFunction(timezone.now)
    onset = factory.LazyFunction(timezone.now)
    expires = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=1))

    @factory.post_generation
    def texts(self, create, extracted, **kwargs):
        """{language: headline or (headline, description, instruction)}; Greek by default."""
        texts = extracted or {"el": "Καύσωνας: ανοιχτοί κλιματιζόμενοι χώροι"}
        for language, value in texts.items():
            headline, description, instruction = (value, "", "") if isinstance(value, str) else value
            AlertInfo.objects.create(
                alert=self, language=language, headline=headline, description=description, instruction=instruction
            )

    @factory.post_generation
    def area_codes(self, create, extracted, **kwargs):
        if extracted:
            self.areas.set(AdministrativeArea.objects.filter(code__in=extracted, locale=Locale.get_default()))
            self.save()

    @factory.post_generation
    def services(self, create, extracted, **kwargs):
        if extracted:
            self.services.set(extracted)
            self.save()
