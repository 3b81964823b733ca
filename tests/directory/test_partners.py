"""Partner isolation, through real requests to the Wagtail admin.

Two partner organisations, A (Κοζάνη) and B (Αθήνα), each with its own editor. A works
on its own listings and submits them for approval; every attempt of A on B's pages is
refused and nothing of B's drafts shows through; the secretariat approves or sends back.
"""

import json
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.urls import reverse

from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    PageLogEntry,
    Revision,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
)

from directory.factories import GoodPracticePageFactory, OrganisationPageFactory, ServicePageFactory
from directory.models import GoodPracticePage, ServicePage
from directory.partners import (
    APPROVAL_WORKFLOW_NAME,
    SECRETARIAT_GROUP_NAME,
    add_partner_user,
    ensure_approval_workflow,
    ensure_partner_group,
    ensure_secretariat_group,
    partner_group,
)

B_SECRET_DRAFT_TITLE = "Μυστικό προσχέδιο Β"
B_SECRET_NEW_PAGE_TITLE = "Αδημοσίευτη υπηρεσία Β"


class EditorFormParser(HTMLParser):
    """Collects what a browser would submit from Wagtail's page editor form."""

    def __init__(self):
        super().__init__()
        self.data, self.in_form, self.select, self.textarea = {}, False, None, None

    def add(self, name, value):
        if name and "__prefix__" not in name:
            self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.in_form = "data-edit-form" in attrs
        elif not self.in_form:
            return
        elif tag == "input" and attrs.get("type") not in ("submit", "button", "file", "image"):
            if attrs.get("type") in ("checkbox", "radio") and "checked" not in attrs:
                return
            self.add(attrs.get("name"), attrs.get("value", "on" if attrs.get("type") == "checkbox" else ""))
        elif tag == "textarea":
            self.textarea, self.text = attrs.get("name"), ""
        elif tag == "select":
            self.select = attrs.get("name")
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))

    def handle_data(self, data):
        if self.textarea:
            self.text += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        elif tag == "textarea" and self.textarea:
            self.add(self.textarea, self.text.removeprefix("\n"))
            self.textarea = None
        elif tag == "select":
            self.select = None


def editor_form_data(client, url, **changes):
    """GET an editor page and return its form as the browser would POST it, with `changes`."""
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    parser = EditorFormParser()
    parser.feed(text_of(response))
    data = {name: values if len(values) > 1 else values[0] for name, values in parser.data.items()}
    data.update(changes)
    return data


def rich_text(text):
    """Draftail's contentstate for one paragraph, as the editor's hidden input holds it."""
    block = {"key": "a1b2c", "type": "unstyled", "depth": 0, "text": text, "inlineStyleRanges": []}
    return json.dumps({"blocks": [{**block, "entityRanges": []}], "entityMap": {}})


def text_of(response):
    """What a response shows, with JSON (modals, choosers, the admin API) unescaped."""
    if response.get("Content-Type", "").startswith("application/json"):
        return json.dumps(response.json(), ensure_ascii=False)
    return response.content.decode()


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def add_url(model, parent):
    return reverse("wagtailadmin_pages:add", args=["directory", model._meta.model_name, parent.pk])


@pytest.fixture
def workspace(directory_page):
    """Two organisations with live services, a pending draft and a never-published page each side."""
    ensure_approval_workflow()
    User = get_user_model()
    org_a = OrganisationPageFactory(title="Δήμος Κοζάνης", slug="dimos-kozanis")
    org_b = OrganisationPageFactory(title="Δήμος Αθηναίων", slug="dimos-athinaion")
    service_a = ServicePageFactory(parent=org_a, title="Κοινωνικό παντοπωλείο Κοζάνης", slug="pantopoleio-kozanis")
    service_b = ServicePageFactory(parent=org_b, title="Κοινωνικό παντοπωλείο Αθήνας", slug="pantopoleio-athinas")
    practice_b = GoodPracticePageFactory(parent=org_b, title="Καλή πρακτική Αθήνας")
    # B has a live service with an unpublished change, and a page never published.
    service_b.title = B_SECRET_DRAFT_TITLE
    service_b.save_revision()
    draft_b = ServicePageFactory(parent=org_b, title=B_SECRET_NEW_PAGE_TITLE, slug="nea-ypiresia-b", live=False)
    draft_b.save_revision()
    partner_a = add_partner_user(org_a, "partner-a", "a@example.org", "pass-a-1234")
    partner_b = add_partner_user(org_b, "partner-b", "b@example.org", "pass-b-1234")
    secretariat = User.objects.create_user("grammateia-test", "g@example.org", "pass-g-1234")
    secretariat.groups.add(Group.objects.get(name=SECRETARIAT_GROUP_NAME))
    # B's new page waits for approval, so that workflow views have something of B's to refuse.
    draft_b.get_workflow().start(draft_b, partner_b)
    return SimpleNamespace(
        org_a=org_a,
        org_b=org_b,
        service_a=service_a,
        service_b=service_b,
        practice_b=practice_b,
        draft_b=draft_b,
        partner_a=partner_a,
        partner_b=partner_b,
        secretariat=secretariat,
    )


@pytest.fixture
def client_a(client, workspace):
    client.force_login(workspace.partner_a)
    return client


def submit_for_moderation(client, page, **changes):
    data = editor_form_data(client, edit_url(page), **changes)
    data["action-submit"] = "1"
    return client.post(edit_url(page), data)


# --- set-up ---------------------------------------------------------------------------


def test_setup_is_idempotent(workspace):
    counts = lambda: (  # noqa: E731
        Group.objects.count(),
        GroupPagePermission.objects.count(),
        GroupCollectionPermission.objects.count(),
        Collection.objects.count(),
        Workflow.objects.count(),
        WorkflowPage.objects.count(),
    )
    before = counts()
    ensure_secretariat_group()
    ensure_approval_workflow()
    ensure_partner_group(workspace.org_a)
    add_partner_user(workspace.org_a, "partner-a", "a@example.org", "pass-a-1234")
    assert counts() == before
    assert workspace.partner_a.groups.count() == 1


def test_partner_group_is_confined_to_its_organisation(workspace):
    group = partner_group(workspace.org_a)
    page_permissions = GroupPagePermission.objects.filter(group=group)
    assert {p.page_id for p in page_permissions} == {workspace.org_a.pk}
    assert {p.permission.codename for p in page_permissions} == {"add_page", "change_page"}
    collections = {p.collection for p in GroupCollectionPermission.objects.filter(group=group)}
    assert [c.name for c in collections] == ["Δήμος Κοζάνης"]
    assert group.permissions.filter(codename="change_listingreport").exists()
    assert not group.permissions.filter(codename__startswith="publish").exists()


def test_workflow_covers_every_language_of_the_social_map(workspace, directory_page):
    workflow = Workflow.objects.get(name=APPROVAL_WORKFLOW_NAME)
    assert workflow.active
    directories = Page.objects.type(directory_page.specific_class)
    assert set(WorkflowPage.objects.filter(workflow=workflow).values_list("page_id", flat=True)) == set(
        directories.values_list("pk", flat=True)
    )
    assert directories.count() >= 2
    assert workspace.service_a.get_workflow() == workflow


# --- partner A on its own pages -----------------------------------------------------------


def test_partner_saves_a_draft_of_its_own_service(client_a, workspace):
    page = workspace.service_a
    response = client_a.post(edit_url(page), editor_form_data(client_a, edit_url(page), title="Νέος τίτλος Α"))
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Κοινωνικό παντοπωλείο Κοζάνης"  # the public still sees the published one
    assert page.draft_title == "Νέος τίτλος Α"
    assert page.has_unpublished_changes and page.live


def test_partner_submits_its_own_service_for_moderation(client_a, workspace):
    page = workspace.service_a
    response = submit_for_moderation(client_a, page, title="Ωράριο άλλαξε")
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.workflow_in_progress
    assert page.current_workflow_task.name
    assert page.title == "Κοινωνικό παντοπωλείο Κοζάνης"
    assert page.draft_title == "Ωράριο άλλαξε"


def test_partner_cannot_publish_even_its_own_page(client_a, workspace):
    page = workspace.service_a
    response = client_a.get(edit_url(page))
    assert response.status_code == 200
    assert b'name="action-publish"' not in response.content
    assert b'name="action-submit"' in response.content
    data = editor_form_data(client_a, edit_url(page), title="Δημοσιευμένο χωρίς έγκριση;")
    data["action-publish"] = "1"
    client_a.post(edit_url(page), data)
    page.refresh_from_db()
    assert page.title == "Κοινωνικό παντοπωλείο Κοζάνης"
    assert not PageLogEntry.objects.filter(page=page, action="wagtail.publish", user=workspace.partner_a).exists()
    response = client_a.post(reverse("wagtailadmin_pages:unpublish", args=[page.pk]))
    page.refresh_from_db()
    assert page.live


def test_partner_creates_a_service_under_its_organisation(client_a, workspace):
    url = add_url(ServicePage, workspace.org_a)
    data = editor_form_data(
        client_a, url, title="Συμβουλευτικό κέντρο Κοζάνης", slug="symvouleftiko-kozanis", description="Στήριξη."
    )
    data["action-submit"] = "1"
    response = client_a.post(url, data)
    assert response.status_code == 302, text_of(response)[:2000]
    page = ServicePage.objects.get(slug="symvouleftiko-kozanis")
    assert page.get_parent().pk == workspace.org_a.pk
    assert not page.live
    assert page.workflow_in_progress
    assert page.owner == workspace.partner_a


def test_partner_creates_a_good_practice_under_its_organisation(client_a, workspace):
    url = add_url(GoodPracticePage, workspace.org_a)
    data = editor_form_data(
        client_a,
        url,
        title="Ανταλλακτικό παζάρι",
        slug="antallaktiko-pazari",
        summary="Ρούχα και παιχνίδια αλλάζουν χέρια.",
        description=rich_text("Κάθε μήνα στην πλατεία."),
    )
    data["action-publish"] = "1"  # not offered to partners; posted anyway, it only saves a draft
    response = client_a.post(url, data)
    assert response.status_code == 302, text_of(response)[:2000]
    page = GoodPracticePage.objects.get(slug="antallaktiko-pazari")
    assert page.get_parent().pk == workspace.org_a.pk
    assert not page.live and not page.first_published_at


def test_partner_explores_only_its_own_organisation(client_a, workspace):
    own = reverse("wagtailadmin_explore", args=[workspace.org_a.pk])
    for page in (workspace.org_b, workspace.org_b.get_parent(), workspace.org_b.get_parent().get_parent()):
        response = client_a.get(reverse("wagtailadmin_explore", args=[page.pk]))
        assert response.status_code == 302 and response.url == own
    response = client_a.get(own)
    assert response.status_code == 200
    assert "Κοινωνικό παντοπωλείο Κοζάνης" in text_of(response)
    assert "Αθήνας" not in text_of(response)


# --- partner A on partner B's pages: every attempt refused ----------------------------------


def _task_state(page):
    return TaskState.objects.get(workflow_state__in=WorkflowState.objects.for_instance(page).active())


def _revision(page):
    return Revision.page_revisions.filter(object_id=str(page.pk)).order_by("-pk").first()


def _page_url(name, attr, *extra):
    """URL of a page admin view for one of B's pages; `extra` args may be functions of the workspace."""

    def build(ws):
        args = [getattr(ws, attr).pk, *(arg(ws) if callable(arg) else arg for arg in extra)]
        return reverse(f"wagtailadmin_pages:{name}", args=args)

    return build


def _bulk_url(action, attr):
    return lambda ws: (
        reverse("wagtail_bulk_action", args=["wagtailcore", "page", action]) + f"?id={getattr(ws, attr).pk}"
    )


def _revision_b(ws):
    return _revision(ws.service_b).pk


def _task_state_b(ws):
    return _task_state(ws.draft_b).pk


def _org_a(ws):
    return ws.org_a.pk


HIJACK = {"title": "Hijacked", "slug": "hijacked"}
REFUSED = {
    "edit": ("get", _page_url("edit", "service_b")),
    "edit_unpublished": ("get", _page_url("edit", "draft_b")),
    "edit_organisation": ("get", _page_url("edit", "org_b")),
    "edit_good_practice": ("get", _page_url("edit", "practice_b")),
    "edit_post": ("post", _page_url("edit", "service_b"), HIJACK),
    "view_draft": ("get", _page_url("view_draft", "service_b")),
    "view_draft_unpublished": ("get", _page_url("view_draft", "draft_b")),
    "preview_on_edit": ("get", _page_url("preview_on_edit", "service_b")),
    "preview_on_edit_post": ("post", _page_url("preview_on_edit", "draft_b"), {"title": "x"}),
    "preview_on_add_post": ("post", lambda ws: add_url(ServicePage, ws.org_b) + "preview/", {"title": "x"}),
    "revisions_index": ("get", _page_url("revisions_index", "service_b")),
    "revisions_view": ("get", _page_url("revisions_view", "service_b", _revision_b)),
    "revisions_compare": ("get", _page_url("revisions_compare", "service_b", "live", "latest")),
    "revisions_revert": ("get", _page_url("revisions_revert", "service_b", _revision_b)),
    "history": ("get", _page_url("history", "service_b")),
    "history_results": ("get", _page_url("history_results", "draft_b")),
    "workflow_history": ("get", _page_url("workflow_history", "draft_b")),
    "workflow_history_detail": (
        "get",
        _page_url("workflow_history_detail", "draft_b", lambda ws: _task_state(ws.draft_b).workflow_state_id),
    ),
    "usage": ("get", _page_url("usage", "service_b")),
    "add_subpage": ("get", _page_url("add_subpage", "org_b")),
    "add_service": ("get", lambda ws: add_url(ServicePage, ws.org_b)),
    "add_service_post": ("post", lambda ws: add_url(ServicePage, ws.org_b), HIJACK),
    "add_good_practice": ("get", lambda ws: add_url(GoodPracticePage, ws.org_b)),
    "delete": ("get", _page_url("delete", "draft_b")),
    "delete_post": ("post", _page_url("delete", "draft_b")),
    "delete_live_post": ("post", _page_url("delete", "service_b")),
    "move": ("get", _page_url("move", "service_b")),
    "move_confirm_post": ("post", _page_url("move_confirm", "draft_b", _org_a)),
    # The confirmation page itself named B's page by its draft title (issue 13).
    "move_confirm": ("get", _page_url("move_confirm", "draft_b", _org_a)),
    "move_confirm_live": ("get", _page_url("move_confirm", "service_b", _org_a)),
    "move_confirm_within_b": ("get", _page_url("move_confirm", "service_b", lambda ws: ws.org_b.pk)),
    "set_position_post": ("post", lambda ws: _page_url("set_page_position", "service_b")(ws) + "?position=0"),
    "copy": ("get", _page_url("copy", "service_b")),
    "copy_post": ("post", _page_url("copy", "draft_b"), {"new_title": "Copied", "new_slug": "copied"}),
    "unpublish": ("get", _page_url("unpublish", "service_b")),
    "unpublish_post": ("post", _page_url("unpublish", "service_b")),
    "lock_post": ("post", _page_url("lock", "service_b")),
    "unlock_post": ("post", _page_url("unlock", "draft_b")),
    "privacy": ("get", _page_url("set_privacy", "service_b")),
    "workflow_action": ("get", _page_url("workflow_action", "draft_b", "approve", _task_state_b)),
    "workflow_action_post": ("post", _page_url("workflow_action", "draft_b", "approve", _task_state_b)),
    "workflow_reject_post": (
        "post",
        _page_url("workflow_action", "draft_b", "reject", _task_state_b),
        {"comment": "no"},
    ),
    "collect_workflow_action_data": (
        "get",
        _page_url("collect_workflow_action_data", "draft_b", "reject", _task_state_b),
    ),
    "workflow_preview": ("get", _page_url("workflow_preview", "draft_b", lambda ws: _task_state(ws.draft_b).task_id)),
    "workflow_preview_not_in_moderation": (
        "get",
        _page_url("workflow_preview", "service_b", lambda ws: _task_state(ws.draft_b).task_id),
    ),
    "confirm_workflow_cancellation": ("get", _page_url("confirm_workflow_cancellation", "draft_b")),
    "bulk_delete": ("get", _bulk_url("delete", "draft_b")),
    "bulk_delete_post": ("post", _bulk_url("delete", "draft_b")),
    "bulk_publish_post": ("post", _bulk_url("publish", "draft_b")),
    "bulk_unpublish_post": ("post", _bulk_url("unpublish", "service_b")),
}


def _state_of_b(ws):
    pages = Page.objects.filter(path__startswith=ws.org_b.path).order_by("path")
    return [
        (p.pk, p.title, p.draft_title, p.live, p.path, p.locked, p.has_unpublished_changes, p.latest_revision_id)
        for p in pages
    ] + [list(WorkflowState.objects.for_instance(ws.draft_b).values_list("status", flat=True))]


@pytest.mark.parametrize("case", REFUSED.keys())
def test_partner_is_refused_on_other_organisations_pages(client_a, workspace, case):
    method, url_for, *data = REFUSED[case]
    data = {**(data[0] if data else {})}
    if case == "copy_post":
        data["new_parent_page"] = workspace.org_a.pk
    before = _state_of_b(workspace)
    response = getattr(client_a, method)(url_for(workspace), data)
    for _hop in range(3):  # legacy URLs redirect to their new view, which must refuse too
        assert response.status_code in (302, 403, 404), response.status_code
        for secret in (B_SECRET_DRAFT_TITLE, B_SECRET_NEW_PAGE_TITLE, "Καλή πρακτική Αθήνας"):
            assert secret not in text_of(response)
        if response.status_code != 302 or response.url == reverse("wagtailadmin_home"):
            break
        response = client_a.get(response.url)
    else:
        pytest.fail(f"redirected on and on: {response.url}")
    assert _state_of_b(workspace) == before
    assert not Page.objects.filter(title__in=["Hijacked", "Copied"]).exists()


def test_workflow_cancellation_dialog_shows_nothing_of_other_pages(client_a, workspace):
    """Wagtail does not check permissions on this dialog (it told whether B's page waits for
    approval, and where); it is refused now."""
    url = reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[workspace.draft_b.pk])
    response = client_a.get(url)
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")  # Wagtail's refusal
    shown = text_of(response) + text_of(client_a.get(response.url))
    assert B_SECRET_NEW_PAGE_TITLE not in shown and "Έλεγχος από τη γραμματεία" not in shown


def test_workflow_preview_of_a_page_not_in_moderation_leaves_no_message_naming_it(client_a, workspace):
    """Wagtail answered with a redirect and the message "The page '<draft title>' is not
    currently awaiting moderation", shown on the next admin page."""
    task_id = _task_state(workspace.draft_b).task_id
    response = client_a.get(reverse("wagtailadmin_pages:workflow_preview", args=[workspace.service_b.pk, task_id]))
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    home = text_of(client_a.get(reverse("wagtailadmin_home")))
    assert B_SECRET_DRAFT_TITLE not in home


def test_partner_and_secretariat_still_reach_these_views_for_pages_they_may_edit(client, workspace):
    """The guards refuse only what the user may not do: B's own editor and the secretariat pass."""
    ws = workspace
    task_id = _task_state(ws.draft_b).task_id
    client.force_login(ws.partner_b)
    cancellation = client.get(reverse("wagtailadmin_pages:confirm_workflow_cancellation", args=[ws.draft_b.pk]))
    assert cancellation.status_code == 200
    client.force_login(ws.secretariat)
    preview = client.get(reverse("wagtailadmin_pages:workflow_preview", args=[ws.draft_b.pk, task_id]))
    assert preview.status_code == 200 and B_SECRET_NEW_PAGE_TITLE in preview.content.decode()
    confirm = client.get(reverse("wagtailadmin_pages:move_confirm", args=[ws.draft_b.pk, ws.org_a.pk]))
    assert confirm.status_code == 200 and B_SECRET_NEW_PAGE_TITLE in confirm.content.decode()


def test_admin_search_does_not_reveal_other_drafts(client_a, workspace):
    # Queries matching B's drafts by one word: the search box echoes the query itself.
    for query in ("Μυστικό", "προσχέδιο", "Αδημοσίευτη", "παντοπωλείο", "Αθήνας"):
        for name in ("wagtailadmin_pages:search", "wagtailadmin_pages:search_results"):
            response = client_a.get(reverse(name), {"q": query})
            assert response.status_code == 200
            content = text_of(response)
            assert B_SECRET_DRAFT_TITLE not in content and B_SECRET_NEW_PAGE_TITLE not in content
            assert "Κοινωνικό παντοπωλείο Αθήνας" not in content
    response = client_a.get(reverse("wagtailadmin_pages:search"), {"q": "παντοπωλείο"})
    assert "Κοινωνικό παντοπωλείο Κοζάνης" in text_of(response)


def test_explorer_search_and_page_type_usage_hide_other_drafts(client_a, workspace):
    urls = [
        reverse("wagtailadmin_explore", args=[workspace.org_a.pk]) + "?q=Β&search_all=1",
        reverse("wagtailadmin_explore_results", args=[workspace.org_a.pk]) + "?q=Αδημοσίευτη&search_all=1",
        reverse("wagtailadmin_pages:type_use", args=["directory", "servicepage"]),
        reverse("wagtailadmin_reports:aging_pages"),
        reverse("wagtailadmin_reports:workflow"),
        reverse("wagtailadmin_reports:workflow_tasks"),
        reverse("wagtailadmin_reports:site_history"),
        reverse("wagtailadmin_home"),
    ]
    for url in urls:
        response = client_a.get(url)
        content = text_of(response)
        assert B_SECRET_DRAFT_TITLE not in content and B_SECRET_NEW_PAGE_TITLE not in content, url


def test_page_chooser_shows_other_organisations_only_as_published(client_a, workspace):
    browse = client_a.get(reverse("wagtailadmin_choose_page_child", args=[workspace.org_b.pk]))
    search = client_a.get(reverse("wagtailadmin_choose_page_search"), {"q": "Αδημοσίευτη"})
    for response in (browse, search):
        assert response.status_code == 200
        content = text_of(response)
        assert B_SECRET_DRAFT_TITLE not in content and B_SECRET_NEW_PAGE_TITLE not in content
    assert "Καλή πρακτική Αθήνας" in text_of(browse)  # live, unchanged: public anyway
    own = client_a.get(reverse("wagtailadmin_choose_page_child", args=[workspace.org_a.pk]))
    assert "Κοινωνικό παντοπωλείο Κοζάνης" in text_of(own)


def test_admin_api_does_not_list_other_organisations_pages(client_a, workspace):
    for params in ({"child_of": workspace.org_b.pk}, {"descendant_of": workspace.org_b.pk}, {"search": "Β"}, {}):
        response = client_a.get("/admin/api/main/pages/", params)
        content = text_of(response)
        assert B_SECRET_DRAFT_TITLE not in content and B_SECRET_NEW_PAGE_TITLE not in content
        assert "Κοινωνικό παντοπωλείο Αθήνας" not in content
    response = client_a.get(f"/admin/api/main/pages/{workspace.draft_b.pk}/", follow=True)
    assert response.status_code == 404  # (by way of the language redirect of unknown URLs)


# --- the secretariat decides -------------------------------------------------------------


def test_secretariat_approves_and_the_page_goes_live(client, workspace):
    client.force_login(workspace.partner_a)
    submit_for_moderation(client, workspace.service_a, title="Νέο ωράριο Κοζάνης")
    task_state = _task_state(workspace.service_a)
    action = reverse("wagtailadmin_pages:workflow_action", args=[workspace.service_a.pk, "approve", task_state.pk])
    # The partner cannot approve its own change.
    assert client.post(action).url == reverse("wagtailadmin_home")
    workspace.service_a.refresh_from_db()
    assert workspace.service_a.title == "Κοινωνικό παντοπωλείο Κοζάνης"

    client.force_login(workspace.secretariat)
    response = client.get(reverse("wagtailadmin_home"))
    assert "Νέο ωράριο Κοζάνης" in text_of(response)  # awaiting their review
    response = client.post(action)
    assert response.status_code == 302
    workspace.service_a.refresh_from_db()
    assert workspace.service_a.title == "Νέο ωράριο Κοζάνης"
    assert workspace.service_a.live and not workspace.service_a.workflow_in_progress


def test_secretariat_requests_changes_and_the_partner_sees_the_comment(client, workspace, mailoutbox):
    client.force_login(workspace.partner_a)
    submit_for_moderation(client, workspace.service_a, title="Λάθος ωράριο")
    task_state = _task_state(workspace.service_a)

    client.force_login(workspace.secretariat)
    url = reverse("wagtailadmin_pages:workflow_action", args=[workspace.service_a.pk, "reject", task_state.pk])
    response = client.post(url, {"comment": "Το Σάββατο είναι κλειστά· διορθώστε το ωράριο."})
    assert response.status_code == 302
    workspace.service_a.refresh_from_db()
    assert workspace.service_a.title == "Κοινωνικό παντοπωλείο Κοζάνης"
    state = WorkflowState.objects.for_instance(workspace.service_a).get()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES

    client.force_login(workspace.partner_a)
    detail = reverse("wagtailadmin_pages:workflow_history_detail", args=[workspace.service_a.pk, state.pk])
    response = client.get(detail)
    assert response.status_code == 200
    assert "Το Σάββατο είναι κλειστά" in text_of(response)
    assert any("Το Σάββατο είναι κλειστά" in message.body for message in mailoutbox)
    # ...and can resubmit.
    response = client.post(
        edit_url(workspace.service_a),
        {**editor_form_data(client, edit_url(workspace.service_a)), "action-restart-workflow": "1"},
    )
    assert response.status_code == 302
    assert WorkflowState.objects.for_instance(workspace.service_a).active().exists()


# --- demo accounts ---------------------------------------------------------------------------


@override_settings(KOINONIA_SHOW_DEMO_PASSWORDS=True)
def test_demo_accounts_attach_partners_to_kozani_and_athens(directory_page):
    from directory.demo.accounts import ensure_demo_accounts

    OrganisationPageFactory(title="Σύλλογος Α")
    athens = OrganisationPageFactory(title="Δήμος Αθηναίων")
    kozani = OrganisationPageFactory(title="Κέντρο Κοινότητας Δήμου Κοζάνης")
    rows = ensure_demo_accounts()
    assert [row[0] for row in rows] == ["admin", "grammateia", "partner-kozani", "partner-athina"]
    assert all(row[1] for row in rows)
    User = get_user_model()
    assert partner_group(kozani) in User.objects.get(username="partner-kozani").groups.all()
    assert partner_group(athens) in User.objects.get(username="partner-athina").groups.all()
    assert User.objects.get(username="grammateia").groups.filter(name=SECRETARIAT_GROUP_NAME).exists()
    assert User.objects.get(username="partner-kozani").check_password(rows[2][1])
    counts = (Group.objects.count(), GroupPagePermission.objects.count(), User.objects.count())
    assert ensure_demo_accounts() == rows
    assert (Group.objects.count(), GroupPagePermission.objects.count(), User.objects.count()) == counts


def test_demo_accounts_without_organisations_and_without_printing(directory_page):
    from directory.demo.accounts import ensure_demo_accounts

    assert ensure_demo_accounts() == []  # test settings never print passwords
    User = get_user_model()
    assert User.objects.filter(username="grammateia").exists()
    assert not User.objects.filter(username__startswith="partner-").exists()


def test_setup_partner_command(workspace):
    from django.core.management import CommandError, call_command

    call_command("setup_partner", workspace.org_b.slug, "--username", "maria", "--email", "maria@example.org")
    maria = get_user_model().objects.get(username="maria")
    assert partner_group(workspace.org_b) in maria.groups.all()
    assert not maria.has_usable_password()  # she sets one through "forgot password"
    with pytest.raises(CommandError):
        call_command("setup_partner", "no-such-organisation")
