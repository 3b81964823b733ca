"""Bad input in the Wagtail admin gets a clear message on the form, and nothing saved is lost."""

import pytest

from django.contrib.auth import get_user_model
from django.urls import reverse

from wagtail.test.utils.form_data import inline_formset, nested_form_data

from directory.factories import OrganisationPageFactory, ServicePageFactory
from directory.models import ServicePage

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, directory_page):
    user = get_user_model().objects.create_superuser("editor", "editor@example.org", "pw")
    client.force_login(user)
    return client


def service_form(weekdays=None, **overrides):
    """Admin form data; `weekdays` go in as a multi-valued field (nested_form_data would split a list)."""
    data = {
        "title": "Κοινωνικό Φαρμακείο",
        "slug": "koinoniko-farmakeio",
        "description": "Δωρεάν φάρμακα.",
        "status": "active",
        "required_documents": inline_formset([]),
        "locations": inline_formset([]),
        "schedules": inline_formset([]),
        "phones": inline_formset([]),
        # The HSDS objects of issue 10 (the admin form always sends their management forms).
        **{
            relation: inline_formset([])
            for relation in (
                "contacts",
                "contact_phones",
                "cost_options",
                "service_areas",
                "funding",
                "language_details",
                "location_accessibility",
            )
        },
    }
    data.update(overrides)
    form_data = nested_form_data(data)
    if weekdays is not None:
        form_data["schedules-0-weekdays"] = weekdays
    return form_data


def test_closing_before_opening_is_shown_on_the_form(admin_client):
    org = OrganisationPageFactory()
    url = reverse("wagtailadmin_pages:add", args=["directory", "servicepage", org.pk])
    data = service_form(schedules=inline_formset([{"opens_at": "15:00", "closes_at": "09:00"}]), weekdays=["0"])
    response = admin_client.post(url, data)
    assert response.status_code == 200
    schedule_errors = response.context["form"].formsets["schedules"].errors[0]
    assert "closes_at" in schedule_errors
    assert not ServicePage.objects.filter(title="Κοινωνικό Φαρμακείο").exists()


def test_coordinates_outside_greece_are_shown_on_the_form(admin_client):
    org = OrganisationPageFactory()
    url = reverse("wagtailadmin_pages:add", args=["directory", "servicepage", org.pk])
    data = service_form(locations=inline_formset([{"address_1": "Οδός 1", "latitude": "51.5", "longitude": "-0.12"}]))
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not ServicePage.objects.filter(title="Κοινωνικό Φαρμακείο").exists()
    location_errors = response.context["form"].formsets["locations"].errors[0]
    assert set(location_errors) == {"latitude", "longitude"}


def test_a_rejected_edit_leaves_the_published_page_as_it_was(admin_client):
    service = ServicePageFactory(title="Υπάρχουσα υπηρεσία", description="Σωστή περιγραφή")
    url = reverse("wagtailadmin_pages:edit", args=[service.pk])
    data = service_form(
        title="Αλλαγμένος τίτλος",
        slug=service.slug,
        minimum_age="30",
        maximum_age="10",
    )
    response = admin_client.post(url, data)
    assert response.status_code == 200
    service.refresh_from_db()
    assert service.title == "Υπάρχουσα υπηρεσία" and service.description == "Σωστή περιγραφή"
    assert service.revisions.count() == 0 or service.get_latest_revision().content["title"] == "Υπάρχουσα υπηρεσία"


def test_a_valid_service_with_overnight_hours_is_saved(admin_client):
    org = OrganisationPageFactory()
    url = reverse("wagtailadmin_pages:add", args=["directory", "servicepage", org.pk])
    data = service_form(
        schedules=inline_formset([{"opens_at": "20:00", "closes_at": "08:00", "closes_next_day": "on"}]),
        weekdays=["0", "1", "2", "3", "4", "5", "6"],
        locations=inline_formset([{"address_1": "Οδός 1", "latitude": "40.30", "longitude": "21.79"}]),
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    saved = ServicePage.objects.get(title="Κοινωνικό Φαρμακείο")
    assert saved.schedules.get().weekdays == [0, 1, 2, 3, 4, 5, 6]
