"""Moderation through the admin: approve, reject with a reason (and the e-mail), spam,
official replies, visitors' flags, the digest, and who may do it."""

import pytest

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from consultations.factories import CommentFactory
from consultations.models import (
    FLAGS_TO_HIDE,
    Comment,
    CommentStatus,
    ModerationAction,
    RejectionReason,
)
from tests.helpers import translated

pytestmark = pytest.mark.django_db


def moderate(client, comment, action, **data):
    return client.post(reverse("consultations_moderate", args=[comment.pk, action]), data)


def test_the_queue_lists_pending_comments_across_consultations(moderator_client, consultation):
    from consultations.factories import ConsultationPageFactory

    other = ConsultationPageFactory(title="Άλλη διαβούλευση")
    first = CommentFactory(consultation=consultation, text="Σχόλιο στην πρώτη")
    second = CommentFactory(consultation=other, text="Σχόλιο στη δεύτερη")
    CommentFactory(consultation=other, status=CommentStatus.APPROVED, text="Ήδη δημοσιευμένο")
    response = moderator_client.get(reverse("consultations_moderation"))
    assert response.status_code == 200
    html = response.content.decode()
    assert first.text in html and second.text in html and "Ήδη δημοσιευμένο" not in html
    filtered = moderator_client.get(reverse("consultations_moderation") + f"?consultation={other.pk}")
    assert first.text not in filtered.content.decode()
    for bad in ("?state=nonsense", "?consultation=abc", "?p=999", "?consultation=²", "?consultation=" + "9" * 20):
        assert moderator_client.get(reverse("consultations_moderation") + bad).status_code == 200
    assert moderator_client.get(reverse("consultations_moderation") + "?consultation=%00").status_code == 400


def test_approve_publishes_under_its_article(moderator_client, moderator, consultation, client):
    article = consultation.articles()[0]
    comment = CommentFactory(consultation=consultation, article_key=article.key, text="Να εγκριθεί αυτό.")
    assert comment.text not in client.get(consultation.url).content.decode()
    response = moderate(moderator_client, comment, "approve")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.moderated_by == moderator and comment.published_at
    html = client.get(consultation.url).content.decode()
    article_section = html.split(f'id="article-{article.key}"')[1].split('class="consultation-article"')[0]
    assert "Να εγκριθεί αυτό." in article_section
    assert comment.decisions.get().action == ModerationAction.APPROVE


def test_reject_needs_a_reason_and_tells_the_commenter_in_their_language(
    moderator_client, consultation, django_capture_on_commit_callbacks
):
    comment = CommentFactory(consultation=consultation, language="en", email="writer@example.org")
    moderate(moderator_client, comment, "reject", reason="")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING and not mail.outbox
    with django_capture_on_commit_callbacks(execute=True):
        response = moderate(moderator_client, comment, "reject", reason=RejectionReason.ADVERTISING, note="Διαφήμιση.")
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.status == CommentStatus.REJECTED and comment.rejection_reason == "advertising"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["writer@example.org"]
    assert translated("Advertising", "en") in message.body and "Διαφήμιση." in message.body
    assert comment.text in message.body


def test_spam_is_hidden_without_an_email(moderator_client, consultation, client):
    comment = CommentFactory(consultation=consultation, status=CommentStatus.APPROVED, text="Δάνεια!")
    moderate(moderator_client, comment, "spam")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.SPAM and not mail.outbox
    assert "Δάνεια!" not in client.get(consultation.url).content.decode()


def test_a_rejected_comment_can_be_reinstated(moderator_client, consultation):
    comment = CommentFactory(consultation=consultation, status=CommentStatus.REJECTED, rejection_reason="other")
    moderate(moderator_client, comment, "approve")
    comment.refresh_from_db()
    assert comment.status == CommentStatus.APPROVED and comment.rejection_reason == ""


def test_an_official_reply_is_shown_under_the_comment(moderator_client, consultation, client):
    comment = CommentFactory(consultation=consultation, status=CommentStatus.APPROVED)
    moderate(moderator_client, comment, "reply", reply="Ευχαριστούμε, θα ενσωματωθεί.")
    html = client.get(consultation.url).content.decode()
    assert "Ευχαριστούμε, θα ενσωματωθεί." in html
    assert translated("Official reply of %(body)s").split("%")[0] in html
    assert moderate(moderator_client, comment, "reply", reply="  ").status_code == 302
    comment.refresh_from_db()
    assert comment.reply_text == "Ευχαριστούμε, θα ενσωματωθεί."


def test_unknown_actions_and_comments_are_404(moderator_client, consultation):
    comment = CommentFactory(consultation=consultation)
    assert moderator_client.post(f"/admin/consultations/comments/{comment.pk}/delete/").status_code in (302, 404)
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    # (LocaleMiddleware turns an admin 404 into a redirect to the /el/ twin, which is 404 too.)
    assert moderator_client.post(reverse("consultations_moderate", args=[999999, "approve"])).status_code in (302, 404)
    assert moderator_client.get(reverse("consultations_moderate", args=[comment.pk, "approve"])).status_code == 405


def test_the_redirect_after_moderating_stays_in_the_admin(moderator_client, consultation):
    comment = CommentFactory(consultation=consultation)
    response = moderate(moderator_client, comment, "approve", next="https://evil.example/")
    assert response["Location"] == reverse("consultations_moderation")


def test_only_moderators_moderate(client, consultation, site_tree):
    comment = CommentFactory(consultation=consultation)
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    # Wagtail turns a refusal into a redirect to the dashboard with a message.
    denied = (302, 403)
    queue = client.get(reverse("consultations_moderation"))
    assert queue.status_code in denied and comment.text not in queue.content.decode()
    assert moderate(client, comment, "approve").status_code in denied
    export = client.get(reverse("consultations_staff_export", args=[consultation.pk, "csv"]))
    assert export.status_code in denied and comment.email.encode() not in export.content
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING


def test_a_flag_returns_a_comment_to_the_queue_and_enough_flags_hide_it(client, consultation):
    comment = CommentFactory(consultation=consultation, status=CommentStatus.APPROVED, text="Αμφιλεγόμενο σχόλιο")
    url = consultation.url + f"comments/{comment.pk}/flag/"
    assert client.get(url).status_code == 200
    response = client.post(url, {"reason": "abusive", "note": "Προσβλητικό", "website": ""})
    assert response.status_code == 302
    comment.refresh_from_db()
    assert comment.needs_review and comment.status == CommentStatus.APPROVED
    assert comment in Comment.objects.to_moderate()
    for _n in range(FLAGS_TO_HIDE - 1):
        client.post(url, {"reason": "off_topic", "website": ""})
    comment.refresh_from_db()
    assert comment.status == CommentStatus.PENDING
    assert "Αμφιλεγόμενο σχόλιο" not in client.get(consultation.url).content.decode()
    assert client.post(url, {"reason": "off_topic", "website": ""}).status_code == 404  # hidden: no longer flaggable


def test_flag_input_is_checked(client, consultation):
    comment = CommentFactory(consultation=consultation, status=CommentStatus.APPROVED)
    url = consultation.url + f"comments/{comment.pk}/flag/"
    assert client.post(url, {"reason": "because", "website": ""}).status_code == 400
    assert client.post(url, {"reason": "abusive", "website": "spam"}).status_code == 400
    pending = CommentFactory(consultation=consultation)
    assert client.get(consultation.url + f"comments/{pending.pk}/flag/").status_code == 404
    comment.refresh_from_db()
    assert not comment.needs_review


def test_moderating_a_flagged_comment_resolves_its_flags(moderator_client, consultation, client):
    comment = CommentFactory(consultation=consultation, status=CommentStatus.APPROVED)
    client.post(consultation.url + f"comments/{comment.pk}/flag/", {"reason": "abusive", "website": ""})
    moderate(moderator_client, comment, "approve")
    comment.refresh_from_db()
    assert not comment.needs_review and not comment.flags.filter(resolved=False).exists()
    assert comment not in Comment.objects.to_moderate()


def test_the_digest_tells_moderators_once(moderator, consultation):
    CommentFactory(consultation=consultation, text="Πρώτο προς έλεγχο")
    CommentFactory(consultation=consultation, status=CommentStatus.APPROVED, text="Ήδη εγκεκριμένο")
    call_command("send_consultation_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [moderator.email]
    assert "Πρώτο προς έλεγχο" in mail.outbox[0].body and "Ήδη εγκεκριμένο" not in mail.outbox[0].body
    call_command("send_consultation_digest", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_the_comment_detail_page(moderator_client, consultation):
    comment = CommentFactory(consultation=consultation, text="<b>έντονο</b>")
    response = moderator_client.get(reverse("consultations_comment", args=[comment.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "&lt;b&gt;έντονο&lt;/b&gt;" in html and comment.email in html
