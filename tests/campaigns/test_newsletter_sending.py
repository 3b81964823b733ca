"""Newsletter issues: composing and queueing in the admin, sending in batches without repeats,
one-click unsubscribe (RFC 8058), and the export of subscribers."""

import csv
import io
import re
import smtplib
import threading

import pytest

from django.contrib.auth.models import Group, Permission
from django.core import mail
from django.core.mail.backends import locmem
from django.core.management import call_command
from django.db import connection
from django.test import override_settings

from wagtail.users.models import UserProfile

from campaigns import newsletter
from campaigns.factories_newsletter import NewsletterIssueFactory, NewsletterTopicFactory, SubscriberFactory
from campaigns.models.newsletter import (
    MAX_DELIVERY_ATTEMPTS,
    IssueSend,
    IssueStatus,
    NewsletterDelivery,
    NewsletterIssue,
    Subscriber,
)
from campaigns.newsletter_sending import send_issue

pytestmark = pytest.mark.django_db


def queued_issue(**kwargs):
    from django.utils import timezone

    return NewsletterIssueFactory(status=IssueStatus.QUEUED, queued_at=timezone.now(), **kwargs)


@pytest.fixture
def editor(django_user_model):
    user = django_user_model.objects.create_user("publicity", "publicity@example.org", "pw")
    group = Group.objects.create(name="Publicity test group")
    codenames = ["access_admin", "add_newsletterissue", "change_newsletterissue", "view_newsletterissue"]
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"  # the assertions read the admin's English wording
    profile.save()
    return user


def refused(response):
    """Wagtail's admin answers a PermissionDenied with a redirect to the dashboard and a message."""
    return response.status_code == 403 or (response.status_code == 302 and response["Location"] == "/admin/")


def grant(user, codename):
    user.user_permissions.add(Permission.objects.get(codename=codename))
    return type(user).objects.get(pk=user.pk)


# --- sending --------------------------------------------------------------------------


def test_an_issue_reaches_each_subscriber_of_its_language_once_with_unsubscribe_headers(site_tree):
    greek = [SubscriberFactory(language="el") for _ in range(5)]
    SubscriberFactory(language="en")
    issue = queued_issue(subject="Νέα: ο χειμώνας", introduction="<script>alert(1)</script> Καλησπέρα")
    call_command("send_newsletter", batch_size=2, pause=0)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in greek)
    message = mail.outbox[0]
    assert message.subject == "Νέα: ο χειμώνας"
    url = re.search(r"<(http://testserver/el/newsletter/unsubscribe/\S+/)>", message.extra_headers["List-Unsubscribe"])
    assert url
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, kind = message.alternatives[0]
    assert kind == "text/html" and url.group(1) in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert url.group(1) in message.body
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.sent_count == 5
    assert IssueSend.objects.get(issue=issue).sent == 5
    assert not NewsletterDelivery.objects.exists()  # markers go once the issue is done
    call_command("send_newsletter", pause=0)
    assert len(mail.outbox) == 5


def test_topics_restrict_an_issue_to_subscribers_of_those_topics(site_tree):
    NewsletterTopicFactory(code="events")
    fan = SubscriberFactory(topics=["events", "alerts"])
    SubscriberFactory(topics=["alerts"])
    everything = SubscriberFactory(topics=[])
    queued_issue(topics=["events"])
    call_command("send_newsletter", pause=0)
    assert [m.to[0] for m in mail.outbox] == [fan.email]
    assert everything.email not in {m.to[0] for m in mail.outbox}


class FailingAfter:
    """An e-mail backend that takes `n` messages then fails, like an SMTP server going away."""

    limit = 0

    def __init__(self, *args, **kwargs):
        pass

    def open(self):
        return True

    def close(self):
        pass

    def send_messages(self, messages):
        if len(mail.outbox) >= FailingAfter.limit:
            raise ConnectionError("SMTP connection lost")
        mail.outbox.extend(messages)
        return len(messages)


def test_a_run_that_fails_half_way_resumes_without_sending_anyone_twice(site_tree):
    subscribers = [SubscriberFactory() for _ in range(7)]
    issue = queued_issue()
    FailingAfter.limit = 3
    with override_settings(EMAIL_BACKEND="tests.campaigns.test_newsletter_sending.FailingAfter"):
        first = send_issue(issue, batch_size=2, pause=0)
    assert (first.sent, first.failed) == (3, 4)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.QUEUED and issue.sent_count == 3
    call_command("send_newsletter", batch_size=2, pause=0)
    recipients = [m.to[0] for m in mail.outbox]
    assert sorted(recipients) == sorted(s.email for s in subscribers)  # each exactly once
    issue.refresh_from_db()
    assert issue.status == IssueStatus.SENT and issue.sent_count == 7
    assert list(issue.sends.order_by("started_at").values_list("sent", "failed")) == [(3, 4), (4, 0)]


class RefusesOneAddress(locmem.EmailBackend):
    """Django's test backend, except that one address is refused every time (a dead mailbox)."""

    refused = "nobody@invalid.example"

    def send_messages(self, messages):
        if any(self.refused in message.to for message in messages):
            raise smtplib.SMTPRecipientsRefused({self.refused: (550, b"5.1.1 No such user")})
        return super().send_messages(messages)


def test_an_address_that_always_fails_is_given_up_after_three_runs_and_the_issue_is_sent(site_tree):
    others = [SubscriberFactory(email=f"Reader.{n}@example.org") for n in range(3)]
    SubscriberFactory(email=RefusesOneAddress.refused)
    issue = queued_issue()
    with override_settings(EMAIL_BACKEND="tests.campaigns.test_newsletter_sending.RefusesOneAddress"):
        for run in range(MAX_DELIVERY_ATTEMPTS):
            issue.refresh_from_db()
            assert issue.status == IssueStatus.QUEUED, f"sent before attempt {run + 1}"
            call_command("send_newsletter", batch_size=2, pause=0)
        issue.refresh_from_db()
        assert issue.status == IssueStatus.SENT and issue.sent_at and issue.sent_count == 3
        assert not NewsletterDelivery.objects.filter(issue=issue).exists()  # markers go, counts stay
        call_command("send_newsletter", batch_size=2, pause=0)  # the next run leaves it alone
    assert sorted(m.to[0] for m in mail.outbox) == sorted(s.email for s in others)  # each once
    runs = list(issue.sends.order_by("started_at").values_list("sent", "failed"))
    assert runs == [(3, 1)] + [(0, 1)] * (MAX_DELIVERY_ATTEMPTS - 1)


def test_an_address_that_fails_once_is_retried_and_gets_the_issue(site_tree):
    flaky = SubscriberFactory()
    issue = queued_issue()
    FailingAfter.limit = 0
    with override_settings(EMAIL_BACKEND="tests.campaigns.test_newsletter_sending.FailingAfter"):
        assert send_issue(issue, pause=0).failed == 1
    issue.refresh_from_db()
    assert issue.status == IssueStatus.QUEUED
    call_command("send_newsletter", pause=0)
    issue.refresh_from_db()
    assert [m.to[0] for m in mail.outbox] == [flaky.email]
    assert issue.status == IssueStatus.SENT and issue.sent_count == 1
    assert not NewsletterDelivery.objects.exists()


def test_subscribers_confirmed_after_the_issue_was_queued_do_not_get_it(site_tree):
    issue = queued_issue()
    SubscriberFactory()
    call_command("send_newsletter", pause=0)
    issue.refresh_from_db()
    assert len(mail.outbox) == 0 and issue.status == IssueStatus.SENT


def test_two_runs_at_once_send_once(committed_site):
    """The second run finds the advisory lock taken and does nothing."""
    from core.locks import advisory_lock

    SubscriberFactory()
    queued_issue()
    out = io.StringIO()
    err = io.StringIO()
    done = threading.Event()
    release = threading.Event()

    def hold_lock():
        with advisory_lock("send_newsletter"):
            done.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold_lock)
    holder.start()
    done.wait(10)
    try:
        call_command("send_newsletter", pause=0, stdout=out, stderr=err)
    finally:
        release.set()
        holder.join()
    assert "another run holds the lock" in err.getvalue()
    assert len(mail.outbox) == 0
    call_command("send_newsletter", pause=0, stdout=out, stderr=err)
    assert len(mail.outbox) == 1


# --- unsubscribe ----------------------------------------------------------------------------


def test_unsubscribe_page_has_a_button_and_the_post_deletes_the_address(client, site_tree):
    subscriber = SubscriberFactory(language="en")
    url = newsletter.unsubscribe_url(subscriber).removeprefix("http://testserver")
    page = client.get(url)
    assert page.status_code == 200 and "Unsubscribe from the newsletter" in page.content.decode()
    assert Subscriber.objects.filter(pk=subscriber.pk).exists()  # a GET changes nothing
    done = client.post(url)
    assert done.status_code == 200 and "You are unsubscribed" in done.content.decode()
    assert not Subscriber.objects.filter(email=subscriber.email).exists()
    assert client.post(url).status_code == 200  # twice: still a calm answer
    assert "You are unsubscribed" in client.get(url).content.decode()


def test_one_click_unsubscribe_from_a_mail_program_needs_no_csrf_token(site_tree):
    from django.test import Client

    subscriber = SubscriberFactory()
    queued_issue()
    call_command("send_newsletter", pause=0)
    header = mail.outbox[0].extra_headers["List-Unsubscribe"].strip("<>")
    strict = Client(enforce_csrf_checks=True)
    response = strict.post(
        header.removeprefix("http://testserver"),
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert not Subscriber.objects.filter(pk=subscriber.pk).exists()


@pytest.mark.parametrize("token", ["garbage", "a" * 32, "%E2%80%AEabc:def", "x" * 5000])
def test_a_bad_unsubscribe_link_is_a_clear_page(client, site_tree, token):
    SubscriberFactory()
    for method in (client.get, client.post):
        response = method(f"/en/newsletter/unsubscribe/{token}/")
        assert response.status_code == 404
        assert "This link is not valid" in response.content.decode()
    assert Subscriber.objects.count() == 1


# --- export and admin ---------------------------------------------------------------------


def test_export_is_formula_safe_and_holds_only_confirmed_subscribers(client, site_tree, editor):
    from campaigns.factories_newsletter import PendingSignupFactory

    SubscriberFactory(email="=cmd@example.org", topics=["events"])
    SubscriberFactory(email="plain@example.org")
    PendingSignupFactory(email="unconfirmed@example.org")
    client.force_login(editor)
    denied = client.get("/admin/newsletter/subscribers/export/")
    assert refused(denied) and b"example.org" not in denied.content
    assert refused(client.get("/admin/newsletter/subscribers/"))
    client.force_login(grant(editor, "export_subscriber"))
    response = client.get("/admin/newsletter/subscribers/export/")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    emails = [row[0] for row in rows[1:]]
    assert emails == ["'=cmd@example.org", "plain@example.org"]
    assert "unconfirmed@example.org" not in response.content.decode()
    page = client.get("/admin/newsletter/subscribers/")
    assert page.status_code == 200 and "plain@example.org" not in page.content.decode()


def test_anonymous_visitors_cannot_export(client, site_tree):
    SubscriberFactory()
    response = client.get("/admin/newsletter/subscribers/export/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_an_editor_composes_an_issue_and_only_a_sender_can_queue_it(client, site_tree, editor):
    NewsletterTopicFactory(code="events", name="Εκδηλώσεις")
    SubscriberFactory(topics=["events"])
    client.force_login(editor)
    response = client.post(
        "/admin/newsletter/issues/new/",
        {"subject": "Χειμερινή εκστρατεία", "page": site_tree.pk, "language": "el", "topics": ["events"]},
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    issue = NewsletterIssue.objects.get()
    assert issue.topics == ["events"] and issue.status == IssueStatus.DRAFT
    inspect = client.get(f"/admin/newsletter/issues/inspect/{issue.pk}/")
    assert inspect.status_code == 200
    assert "Send to subscribers" not in inspect.content.decode()
    assert refused(client.post(f"/admin/newsletter/issues/{issue.pk}/send/"))
    assert NewsletterIssue.objects.get().status == IssueStatus.DRAFT

    sender = grant(editor, "send_newsletterissue")
    client.force_login(sender)
    assert "Send to subscribers" in client.get(f"/admin/newsletter/issues/inspect/{issue.pk}/").content.decode()
    client.post(f"/admin/newsletter/issues/{issue.pk}/send/")
    issue.refresh_from_db()
    assert issue.status == IssueStatus.QUEUED and issue.queued_by == sender
    edit = client.get(f"/admin/newsletter/issues/edit/{issue.pk}/")
    assert edit.status_code == 302  # a queued issue is the record of what goes out
    call_command("send_newsletter", pause=0)
    page = client.get(f"/admin/newsletter/issues/inspect/{issue.pk}/").content.decode()
    assert "Send log" in page and len(mail.outbox) == 1


def test_an_issue_presents_the_page_in_its_subscribers_language(site_tree):
    from wagtail.models import Locale

    english_home = site_tree.get_translation(Locale.objects.get(language_code="en"))
    SubscriberFactory(language="en")
    queued_issue(language="en", page=site_tree)
    call_command("send_newsletter", pause=0)
    message = mail.outbox[0]
    assert english_home.title in message.body
    assert "http://testserver/en/" in message.body


def test_the_publicity_team_may_compose_send_and_export(client, site_tree, django_user_model):
    from campaigns.admin_newsletter import ensure_newsletter_permissions

    member = django_user_model.objects.create_user("team", "team@example.org", "pw")
    member.groups.add(ensure_newsletter_permissions())
    assert ensure_newsletter_permissions().permissions.count() == member.groups.get().permissions.count()
    SubscriberFactory(email="reader@example.org")
    client.force_login(member)
    assert client.get("/admin/newsletter/issues/new/").status_code == 200
    assert b"reader@example.org" in client.get("/admin/newsletter/subscribers/export/").content
    assert member.has_perm("campaigns.send_newsletterissue")


def test_the_demo_loads_twice_without_duplicates(site_tree):
    from campaigns.demo.newsletter import load_newsletter_demo

    load_newsletter_demo()
    counts = (Subscriber.objects.count(), NewsletterIssue.objects.count(), IssueSend.objects.count())
    load_newsletter_demo()
    assert (Subscriber.objects.count(), NewsletterIssue.objects.count(), IssueSend.objects.count()) == counts
    assert counts == (6, 1, 1)
    assert all(s.email.endswith("@example.org") for s in Subscriber.objects.all())


def test_an_issue_whose_page_was_unpublished_or_deleted_goes_back_to_draft_unsent(site_tree):
    from directory.factories import ServicePageFactory

    SubscriberFactory()
    page = ServicePageFactory(title="Κοινωνικό Παντοπωλείο")
    issue = queued_issue(page=page)
    page.unpublish()
    out = io.StringIO()
    call_command("send_newsletter", pause=0, stdout=out)
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT and len(mail.outbox) == 0
    assert "not published" in issue.sends.get().note and "not published" in out.getvalue()

    issue.status = IssueStatus.QUEUED
    issue.save()
    page.delete()
    call_command("send_newsletter", pause=0, stdout=out)
    issue.refresh_from_db()
    assert issue.page is None and issue.status == IssueStatus.DRAFT and len(mail.outbox) == 0
    assert "deleted" in issue.sends.order_by("-pk").first().note


def test_an_issue_of_an_unpublished_page_cannot_be_queued(client, site_tree, editor):
    from directory.factories import ServicePageFactory

    page = ServicePageFactory(title="Draft service")
    page.unpublish()
    issue = NewsletterIssueFactory(page=page)
    client.force_login(grant(editor, "send_newsletterissue"))
    client.post(f"/admin/newsletter/issues/{issue.pk}/send/")
    issue.refresh_from_db()
    assert issue.status == IssueStatus.DRAFT


def test_an_editor_previews_the_email_before_sending(client, site_tree, editor):
    issue = NewsletterIssueFactory(subject="Προεπισκόπηση", introduction="Καλησπέρα <b>σας</b>")
    client.force_login(editor)
    html = client.get(f"/admin/newsletter/issues/{issue.pk}/preview/")
    assert html.status_code == 200 and html["Content-Type"].startswith("text/html")
    assert site_tree.title in html.content.decode() and "&lt;b&gt;" in html.content.decode()
    text = client.get(f"/admin/newsletter/issues/{issue.pk}/preview/?format=text")
    assert "Καλησπέρα <b>σας</b>" in text.content.decode()
    assert len(mail.outbox) == 0 and Subscriber.objects.count() == 0
