"""The social map in the Wagtail admin: reference data, problem reports, unverified listings.

Who sees what is decided by the permissions set up in directory/partners.py, which
Wagtail's page views, explorer, search and admin API already enforce. The hooks here
add our views and close the two places where Wagtail shows, by draft title, pages a
user may not edit: the page chooser and the bulk-action confirmations.
"""

from django.db.models import Q
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.pages import bulk_actions as page_bulk_actions
from wagtail.documents.permissions import permission_policy as document_permission_policy
from wagtail.documents.views import bulk_actions as document_bulk_actions
from wagtail.images.permissions import permission_policy as image_permission_policy
from wagtail.images.views import bulk_actions as image_bulk_actions
from wagtail.models import Page
from wagtail.permissions import page_permission_policy
from wagtail.signals import workflow_approved
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from directory import admin_review
from directory.admin_views import (
    ListingReportViewSet,
    StaleListingsView,
    VerifyListingsView,
    WorkQueuePanel,
    confined_bulk_action,
)
from directory.approval import confirm_approvals, note_approval, submit_first
from directory.hsds import admin_import
from directory.models import (
    AccessCondition,
    AccessibilityFeature,
    AdministrativeArea,
    GoodPracticePage,
    Language,
    OrganisationPage,
    ServiceCategory,
    ServicePage,
    TargetGroup,
)
from directory.partners import editable_pages
from directory.verification import VERIFIED_ACTION, VERIFIED_LABEL, VERIFIED_MESSAGE


class TaxonomyViewSet(SnippetViewSet):
    """Shared listing of the taxonomies; the locale filter comes with translatable snippets.

    Search runs in the database (not Wagtail's search index) so that any part of a
    name or of a code matches, which is how editors look up a short list of terms.
    """

    list_display = ["name", "code"]
    search_fields = ["name", "code"]
    search_backend_name = None
    copy_view_enabled = False


class ServiceCategoryViewSet(TaxonomyViewSet):
    model = ServiceCategory
    icon = "folder-open-inverse"
    list_display = ["name", "code", "parent"]


class TargetGroupViewSet(TaxonomyViewSet):
    model = TargetGroup
    icon = "group"


class AccessConditionViewSet(TaxonomyViewSet):
    model = AccessCondition
    icon = "key"


class AccessibilityFeatureViewSet(TaxonomyViewSet):
    model = AccessibilityFeature
    icon = "view"


class LanguageViewSet(TaxonomyViewSet):
    model = Language
    icon = "globe"


class AdministrativeAreaViewSet(SnippetViewSet):
    model = AdministrativeArea
    icon = "site"
    list_display = ["name", "short_name", "level", "code", "parent"]
    list_filter = ["level"]
    search_fields = ["name", "short_name", "alternative_names", "code"]
    search_backend_name = None
    copy_view_enabled = False


class SocialMapViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Social map")
    menu_icon = "site"
    menu_order = 250
    items = (
        ServiceCategoryViewSet,
        TargetGroupViewSet,
        AccessConditionViewSet,
        AccessibilityFeatureViewSet,
        LanguageViewSet,
        AdministrativeAreaViewSet,
        ListingReportViewSet,
    )


register_snippet(SocialMapViewSetGroup)


@hooks.register("register_admin_urls")
def register_stale_listings_urls():
    return [
        path("directory/unverified/", StaleListingsView.as_view(), name="directory_stale_listings"),
        path(
            "directory/unverified/results/",
            StaleListingsView.as_view(results_only=True),
            name="directory_stale_listings_results",
        ),
        path("directory/unverified/verify/", VerifyListingsView.as_view(), name="directory_verify_listings"),
    ]


@hooks.register("register_log_actions")
def register_verification_log_action(actions):
    """A verification shows in the page's history as "Marked as verified", with who and when."""
    actions.register_action(VERIFIED_ACTION, VERIFIED_LABEL, VERIFIED_MESSAGE)


@hooks.register("construct_homepage_panels")
def add_work_queue_panel(request, panels):
    confirm_approvals(request)  # after an approval from the dashboard's list
    panels.append(WorkQueuePanel(request.user))


hooks.register("construct_page_action_menu", submit_first)
workflow_approved.connect(note_approval, dispatch_uid="directory.note_approval")


@hooks.register("after_edit_page")
def confirm_approval_in_editor(request, page):
    confirm_approvals(request)


class PageEditorMenuItem(MenuItem):
    def is_shown(self, request):
        return page_permission_policy.user_has_any_permission(request.user, StaleListingsView.any_permission_required)


@hooks.register("register_reports_menu_item")
def register_stale_listings_menu_item():
    return PageEditorMenuItem(
        _("Unverified listings"),
        reverse("directory_stale_listings"),
        name="unverified-listings",
        icon_name="time",
        order=1150,
    )


# The HSDS import screen (secretariat only) and the report of imported values to review.


@hooks.register("register_admin_urls")
def register_import_urls():
    return [
        path("directory/imports/", include((admin_import.urlpatterns, "directory_imports"))),
        path("directory/review/", include((admin_review.urlpatterns, "review_flags"))),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_import.import_permission_policy.user_has_permission(request.user, "add")


@hooks.register("register_reports_menu_item")
def register_import_menu_items():
    return ImportMenuItem(
        _("Import HSDS data"), reverse("directory_imports:home"), name="hsds-import", icon_name="upload", order=1160
    )


@hooks.register("register_reports_menu_item")
def register_review_menu_item():
    return PageEditorMenuItem(
        _("Imported values to review"),
        reverse("review_flags:index"),
        name="imported-values-to-review",
        icon_name="warning",
        order=1155,
    )


DIRECTORY_PAGE_MODELS = (OrganisationPage, ServicePage, GoodPracticePage)


@hooks.register("construct_page_chooser_queryset")
def hide_other_organisations_drafts(pages, request):
    """In the page chooser, other organisations' pages only as the public sees them.

    The chooser lists every page by its latest draft title, so without this a partner
    could browse another organisation's unpublished services. Pages the user may change
    stay, and so does everything outside the directory.
    """
    user = request.user
    if user.is_superuser:
        return pages
    editable = editable_pages(user)
    hidden = (
        Page.objects.type(*DIRECTORY_PAGE_MODELS)
        .filter(Q(live=False) | Q(has_unpublished_changes=True))
        .exclude(pk__in=editable.values("pk"))
    )
    # A list of ids, because the chooser's search backend cannot filter on a subquery.
    return pages.exclude(pk__in=list(hidden.values_list("pk", flat=True)))


def _visible_media(policy):
    return lambda user: policy.instances_user_has_any_permission_for(user, {"add", "change", "delete", "choose"})


for module, visible_instances in (
    (page_bulk_actions, page_permission_policy.explorable_instances),
    (image_bulk_actions, _visible_media(image_permission_policy)),
    (document_bulk_actions, _visible_media(document_permission_policy)),
):
    for name in module.__all__:
        # order=1: scanned after Wagtail's own registrations, so these replace them.
        hooks.register("register_bulk_action", confined_bulk_action(getattr(module, name), visible_instances), order=1)
