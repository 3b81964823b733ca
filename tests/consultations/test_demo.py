"""The demo content: open, closed and upcoming consultations, every moderation state, a survey. Idempotent."""

import pytest

from consultations.demo import load_consultations_demo
from consultations.models import Comment, CommentStatus, ConsultationPage, ConsultationStatus, SurveyPage

pytestmark = pytest.mark.django_db


def test_demo_loads_once_and_covers_every_state(site_tree, client):
    load_consultations_demo()
    statuses = {page.status for page in ConsultationPage.objects.live()}
    assert statuses == {ConsultationStatus.OPEN, ConsultationStatus.RESULTS, ConsultationStatus.UPCOMING}
    action_plan = ConsultationPage.objects.get(slug="schedio-drasis-koinonikis-entaxis")
    assert 10 <= len(action_plan.articles()) <= 20
    assert {c.status for c in Comment.objects.all()} == set(CommentStatus.values)
    assert Comment.objects.filter(needs_review=True).exists() and Comment.objects.exclude(reply_text="").exists()
    survey = SurveyPage.objects.get()
    assert survey.get_submission_class().objects.filter(page=survey).count() > 0

    counts = (ConsultationPage.objects.count(), Comment.objects.count(), SurveyPage.objects.count())
    load_consultations_demo()
    assert (ConsultationPage.objects.count(), Comment.objects.count(), SurveyPage.objects.count()) == counts

    for page in [*ConsultationPage.objects.live(), survey]:
        assert client.get(page.url).status_code == 200
    assert client.get(action_plan.get_parent().url).status_code == 200
    closed = ConsultationPage.objects.get(slug="kanonismos-koinonikou-pantopoleiou")
    assert client.get(closed.url + "results/").status_code == 200
    assert client.get(survey.url + "results/").status_code == 200
