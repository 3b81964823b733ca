"""The index follows the page lifecycle: publish, edit, unpublish, move, delete, translate.

Everything here goes through Wagtail's own actions (save_revision().publish(),
unpublish(), move(), delete(), copy_for_translation()) and then asks the search
service, so the signals are tested as they fire in the admin.
"""

import io

import pytest

from django.core.management import call_command
from django.utils.text import slugify

from wagtail.actions.unpublish_page import UnpublishPageAction
from wagtail.models import Locale

from directory.factories import OrganisationPageFactory, ServiceLocationFactory, ServicePageFactory
from directory.models import ServiceCategory, ServicePage
from search.models import SearchDocument, SearchLexicon, SearchPoint
from search.query import SearchQuery
from search.service import SearchService
from tests.search.conftest import area, greek

pytestmark = pytest.mark.django_db


def found(text, locale="el", **filters):
    return [hit.title for hit in SearchService().search(SearchQuery(text=text, locale=locale, **filters)).results]


@pytest.fixture
def org(directory_page):
    return OrganisationPageFactory(title="Σύλλογος Γειτονιάς")


def draft_service(org, title, **kwargs):
    """A service created as a draft, the way an editor starts one in the admin."""
    service = ServicePage(title=title, slug=slugify(title) or "ypiresia", description="Στήριξη.", live=False)
    org.add_child(instance=service)
    service.save_revision()
    return service


def publish(page):
    """Publish the latest changes the way the admin does, and reload the page."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_a_draft_is_not_found_and_publishing_makes_it_findable(org):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    assert found("παζάρι") == []
    publish(service)
    assert found("παζάρι") == ["Ανταλλακτικό Παζάρι Ρούχων"]


def test_a_new_draft_revision_does_not_change_what_is_found(org):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    publish(service)
    service.title = "Ανταλλακτικό Παζάρι Παιχνιδιών"
    service.save_revision()  # saved as a draft, not published
    assert found("ρούχων") == ["Ανταλλακτικό Παζάρι Ρούχων"]
    assert found("παιχνιδιών") == []
    service.get_latest_revision().publish()
    assert found("παιχνιδιών") == ["Ανταλλακτικό Παζάρι Παιχνιδιών"]
    assert found("ρούχων") == []


def test_published_categories_and_locations_are_indexed(org):
    service = draft_service(org, "Κοινωνικό Φροντιστήριο")
    service.categories.set([greek(ServiceCategory, "tutoring")])
    service.locations.add(
        ServiceLocationFactory.build(page=service, municipality=area("m-67"), latitude=40.3, longitude=21.79)
    )
    publish(service)
    results = SearchService().search(SearchQuery(locale="el", categories=("education",), areas=("m-67",)))
    assert [hit.title for hit in results.results] == ["Κοινωνικό Φροντιστήριο"]
    assert SearchPoint.objects.filter(document_id=service.pk).count() == 1


def test_unpublishing_removes_it(org):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    publish(service)
    service.unpublish()
    assert found("παζάρι") == []
    assert not SearchDocument.objects.filter(pk=service.pk).exists()


def test_unpublishing_an_organisation_with_its_services_removes_them_all(org, admin_user):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    publish(service)
    publish(org)
    assert "Σύλλογος Γειτονιάς" in found("σύλλογος γειτονιάς")
    # What the admin's "unpublish, with its subpages" does.
    UnpublishPageAction(org, include_descendants=True, user=admin_user).execute()
    assert found("σύλλογος γειτονιάς") == []
    assert found("παζάρι") == []


def test_deleting_removes_it(org):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    publish(service)
    service.delete()
    assert found("παζάρι") == []
    assert not SearchDocument.objects.filter(pk=service.pk).exists()


def test_moving_updates_the_url_and_the_organisation(org):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    publish(service)
    other = OrganisationPageFactory(title="Ενορία Αγίου Νικολάου")
    service.move(other, pos="last-child")
    service.refresh_from_db()
    document = SearchDocument.objects.get(pk=service.pk)
    assert document.url == service.get_url()
    assert document.organisation == "Ενορία Αγίου Νικολάου"
    assert other.slug in document.url


def test_renaming_an_organisation_reaches_its_services(org, django_capture_on_commit_callbacks):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    publish(service)
    org.title = "Σύλλογος Γειτονιάς Νέας Σμύρνης"
    org.slug = "syllogos-neas-smyrnis"
    # Wagtail announces a new slug (new URLs below) once the transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        publish(org)
    document = SearchDocument.objects.get(pk=service.pk)
    assert document.organisation == "Σύλλογος Γειτονιάς Νέας Σμύρνης"
    assert "syllogos-neas-smyrnis" in document.url
    # The organisation's own document gathers its services' words.
    assert "Σύλλογος Γειτονιάς Νέας Σμύρνης" in found("σμύρνης")


def test_a_published_translation_replaces_the_greek_page_for_its_language(org):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    publish(service)
    english = Locale.objects.get(language_code="en")
    assert found("παζάρι", locale="en") == ["Ανταλλακτικό Παζάρι Ρούχων"]  # Greek as the fallback

    translation = service.copy_for_translation(english, copy_parents=True)
    assert found("παζάρι", locale="en") == ["Ανταλλακτικό Παζάρι Ρούχων"]  # a draft changes nothing
    translation.title = "Clothes Swap Market"
    publish(translation)
    assert found("swap", locale="en", types=("service",)) == ["Clothes Swap Market"]
    assert found("παζάρι", locale="en", types=("service",)) == []
    assert found("παζάρι", locale="el") == ["Ανταλλακτικό Παζάρι Ρούχων"]

    translation.unpublish()
    assert found("παζάρι", locale="en", types=("service",)) == ["Ανταλλακτικό Παζάρι Ρούχων"]


def test_new_words_reach_the_lexicon_as_pages_are_published(org):
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    assert not SearchLexicon.objects.filter(display="παζάρι").exists()
    publish(service)
    assert SearchLexicon.objects.filter(display="παζάρι").exists()


def test_a_search_failure_never_stops_a_publication(org, monkeypatch):
    from search.backends.postgres import PostgresBackend

    def broken(self, documents):
        raise RuntimeError("index unavailable")

    monkeypatch.setattr(PostgresBackend, "index", broken)
    service = draft_service(org, "Ανταλλακτικό Παζάρι Ρούχων")
    publish(service)
    service.refresh_from_db()
    assert service.live


def test_rebuild_command_shows_progress_and_speed(org):
    for n in range(3):
        ServicePageFactory(parent=org, title=f"Υπηρεσία αναδόμησης {n}")
    SearchDocument.objects.all().delete()
    assert found("αναδόμησης") == []
    out, err = io.StringIO(), io.StringIO()
    call_command("rebuild_search_index", stdout=out, stderr=err)
    assert "documents/second" in out.getvalue()
    assert "doc" in err.getvalue()  # the tqdm bar
    assert sorted(found("αναδόμησης")) == [f"Υπηρεσία αναδόμησης {n}" for n in range(3)]


def test_the_organisation_gathers_what_its_service_was_published_with(org, django_capture_on_commit_callbacks):
    """A service's categories and places are saved after the page row itself (they are
    child rows of Wagtail's save), and the organisation's document reads them back."""
    publish(org)
    service = draft_service(org, "Κοινωνικό Φροντιστήριο")
    service.categories.set([greek(ServiceCategory, "tutoring")])
    service.locations.add(
        ServiceLocationFactory.build(page=service, municipality=area("m-67"), latitude=40.3, longitude=21.79)
    )
    with django_capture_on_commit_callbacks(execute=True):
        publish(service)
    keys = SearchDocument.objects.get(pk=org.pk).keys
    assert "category:tutoring" in keys and "area:m-67" in keys
