"""Factories for tests and benchmarks (factory_boy + wagtail-factories)."""

import datetime

import factory
import wagtail_factories

from wagtail.models import Locale

from directory.models import (
    DirectoryIndexPage,
    GoodPracticePage,
    OrganisationPage,
    ServiceLocation,
    ServicePage,
    ServicePhone,
    ServiceSchedule,
)


def default_directory():
    """The Greek social map page created by portal.bootstrap.ensure_site_tree()."""
    return DirectoryIndexPage.objects.get(locale=Locale.get_default())


class OrganisationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Φορέας {n}")
    slug = factory.Sequence(lambda n: f"foreas-{n}")
    description = "Φορέας κοινωνικής στήριξης."
    legal_status = "municipal"
    parent = factory.LazyFunction(default_directory)

    class Meta:
        model = OrganisationPage


class ServicePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Υπηρεσία {n}")
    slug = factory.Sequence(lambda n: f"ypiresia-{n}")
    description = "Παρέχει στήριξη σε όσους τη χρειάζονται."
    parent = factory.SubFactory(OrganisationPageFactory)
    assured_date = factory.LazyFunction(datetime.date.today)

    class Meta:
        model = ServicePage
        skip_postgeneration_save = True

    @factory.post_generation
    def categories(self, create, extracted, **kwargs):
        if extracted:
            self.categories.set(extracted)
            self.save()

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if extracted:
            self.target_groups.set(extracted)
            self.save()


class ServiceLocationFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ServicePageFactory)
    name = "Κεντρικά γραφεία"
    address_1 = factory.Sequence(lambda n: f"Οδός Ελευθερίας {n}")
    postal_code = "50100"
    city = "Κοζάνη"
    latitude = 40.3007
    longitude = 21.7887

    class Meta:
        model = ServiceLocation


class ServiceScheduleFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ServicePageFactory)
    weekdays = factory.LazyFunction(lambda: [0, 1, 2, 3, 4])
    opens_at = datetime.time(9, 0)
    closes_at = datetime.time(15, 0)

    class Meta:
        model = ServiceSchedule


class ServicePhoneFactory(factory.django.DjangoModelFactory):
    page = factory.SubFactory(ServicePageFactory)
    number = "2461 350 000"

    class Meta:
        model = ServicePhone


class GoodPracticePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Καλή πρακτική {n}")
    slug = factory.Sequence(lambda n: f"kali-praktiki-{n}")
    summary = "Μια πρακτική που αξίζει να μάθουν και άλλοι."
    description = "<p>Περιγραφή της πρακτικής.</p>"
    parent = factory.SubFactory(OrganisationPageFactory)

    class Meta:
        model = GoodPracticePage
