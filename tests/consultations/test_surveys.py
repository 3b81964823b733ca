"""Needs-mapping surveys: question types, dates, spam guards, anonymity, results and exports."""

import csv
import datetime
import io

import pytest
from openpyxl import load_workbook

from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from consultations.factories import SurveyFieldFactory, SurveyPageFactory
from consultations.models import SurveySubmission
from tests.helpers import translated

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(site_tree):
    page = SurveyPageFactory(title="Ανάγκες ηλικιωμένων", slug="anagkes", publish_results=False)
    SurveyFieldFactory(page=page, label="Δήμος", field_type="municipality", choices="", sort_order=0)
    SurveyFieldFactory(page=page, label="Ηλικία", field_type="radio", choices="Κάτω από 65\n65 και άνω", sort_order=1)
    SurveyFieldFactory(
        page=page,
        label="Ανάγκες",
        field_type="checkboxes",
        choices="Ψώνια\nΦάρμακα\nΣυντροφιά",
        required=False,
        sort_order=2,
    )
    SurveyFieldFactory(page=page, label="Ευκολία", field_type="scale", choices="Καθόλου\nΠολύ", sort_order=3)
    SurveyFieldFactory(page=page, label="Σχόλια", field_type="multiline", choices="", required=False, sort_order=4)
    return page


@pytest.fixture
def municipality(term):
    from directory.models import AdministrativeArea, AreaLevel

    return AdministrativeArea.objects.filter(level=AreaLevel.MUNICIPALITY, locale__language_code="el").first()


def answers(municipality, **overrides):
    import uuid

    data = {
        "dimos": municipality.code,
        "ilikia": "65 και άνω",
        "anagkes": ["Ψώνια", "Φάρμακα"],
        "eykolia": "2",
        "scholia": "",
        "website": "",
        "submission_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_form_renders_every_question_type(client, survey, municipality):
    response = client.get(survey.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert municipality.name in html and 'type="radio"' in html and 'type="checkbox"' in html
    assert "1 (Καθόλου)" in html and "5 (Πολύ)" in html and "<textarea" in html
    assert 'class="hp-field"' in html


def test_an_answer_is_stored_anonymously_once(client, survey, municipality):
    data = answers(municipality, scholia="Χρειάζομαι <b>βοήθεια</b>\u202e")
    response = client.post(survey.url, data)
    assert response.status_code == 302 and response["Location"].endswith("/thanks/")
    assert client.post(survey.url, data).status_code == 302  # double submit
    submission = SurveySubmission.objects.get()
    assert submission.municipality_code == municipality.code
    assert set(submission.form_data) == {"dimos", "ilikia", "anagkes", "eykolia", "scholia"}
    assert submission.form_data["scholia"] == "Χρειάζομαι <b>βοήθεια</b>"
    thanks = client.get(survey.url + "thanks/")
    assert translated("Thank you, your answers were sent") in thanks.content.decode()


@pytest.mark.parametrize(
    "overrides",
    [{"ilikia": None}, {"ilikia": "200"}, {"eykolia": "9"}, {"dimos": "no-such-place"}, {"scholia": "α" * 3001}],
)
def test_invalid_answers_are_refused_with_a_message(client, survey, municipality, overrides):
    response = client.post(survey.url, answers(municipality, **overrides))
    assert response.status_code == 400
    assert 'class="govgr-error-summary"' in response.content.decode()
    assert not SurveySubmission.objects.exists()


def test_honeypot_and_captcha(client, survey, municipality, monkeypatch):
    assert client.post(survey.url, answers(municipality, website="x")).status_code == 400
    from django_recaptcha import client as recaptcha_client

    monkeypatch.setattr(recaptcha_client, "submit", lambda **kw: recaptcha_client.RecaptchaResponse(is_valid=False))
    with override_settings(RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS=False):
        assert client.post(survey.url, answers(municipality, **{"g-recaptcha-response": "x"})).status_code == 400
    assert not SurveySubmission.objects.exists()


def test_closed_and_not_yet_open_surveys_take_no_answers(client, survey, municipality):
    survey.closes_at = timezone.now() - datetime.timedelta(hours=1)
    survey.save()
    assert (
        translated("This survey is closed. Thank you to everyone who answered.")
        in client.get(survey.url).content.decode()
    )
    assert client.post(survey.url, answers(municipality)).status_code == 403
    survey.closes_at, survey.opens_at = None, timezone.now() + datetime.timedelta(days=1)
    survey.save()
    assert client.post(survey.url, answers(municipality)).status_code == 403
    assert not SurveySubmission.objects.exists()


def test_public_results_only_when_published_and_never_free_text(client, survey, municipality):
    client.post(survey.url, answers(municipality, scholia="Προσωπική ιστορία"))
    assert client.get(survey.url + "results/").status_code == 404
    survey.publish_results = True
    survey.save()
    response = client.get(survey.url + "results/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Προσωπική ιστορία" not in html and "<table" in html
    labels = [q["field"].label for q in response.context["questions"]]
    assert labels == ["Ηλικία", "Ανάγκες", "Ευκολία"]


@pytest.fixture
def staff_client(client, survey):
    user = get_user_model().objects.create_superuser("staff", "staff@example.org", "pw")
    client.force_login(user)
    return client


def test_staff_results_count_answers_and_filter_by_municipality(staff_client, survey, municipality):
    from directory.models import AdministrativeArea, AreaLevel

    other = (
        AdministrativeArea.objects.filter(level=AreaLevel.MUNICIPALITY, locale__language_code="el")
        .exclude(pk=municipality.pk)
        .first()
    )
    staff_client.post(survey.url, answers(municipality))
    staff_client.post(survey.url, answers(municipality, ilikia="Κάτω από 65", anagkes=["Ψώνια"]))
    staff_client.post(survey.url, answers(other, eykolia="5"))
    url = reverse("consultations_survey_results", args=[survey.pk])
    response = staff_client.get(url)
    assert response.status_code == 200
    questions = {q["field"].label: {r["answer"]: r["count"] for r in q["rows"]} for q in response.context["questions"]}
    assert questions["Ηλικία"] == {"Κάτω από 65": 1, "65 και άνω": 2}
    assert questions["Ανάγκες"] == {"Ψώνια": 3, "Φάρμακα": 2, "Συντροφιά": 0}
    assert questions["Ευκολία"]["2"] == 2 and questions["Ευκολία"]["5"] == 1
    filtered = staff_client.get(url + f"?municipality={municipality.code}")
    assert filtered.context["total"] == 2
    assert staff_client.get(url + "?municipality=<x>").status_code == 200


def test_staff_exports_are_formula_safe(staff_client, survey, municipality):
    staff_client.post(survey.url, answers(municipality, scholia="=1+1 @cmd"))
    response = staff_client.get(reverse("consultations_survey_export", args=[survey.pk, "csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][-1] == "'=1+1 @cmd"
    assert rows[1][1] == municipality.name and rows[1][4] == "Ψώνια; Φάρμακα"
    xlsx = staff_client.get(reverse("consultations_survey_export", args=[survey.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    last = list(sheet.iter_rows())[1][-1]
    assert last.value == "'=1+1 @cmd" and last.data_type == "s"


def test_only_editors_of_the_survey_see_its_answers(client, survey, site_tree):
    from django.contrib.auth.models import Permission

    user = get_user_model().objects.create_user("visitor", "v@example.org", "pw")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(user)
    response = client.get(reverse("consultations_survey_results", args=[survey.pk]))
    assert response.status_code in (302, 403)
    export = client.get(reverse("consultations_survey_export", args=[survey.pk, "csv"]))
    assert export.status_code in (302, 403)
