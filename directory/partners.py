"""Partner workspace: who may edit which part of the social map, and who approves.

The rules are stored in Wagtail's own permission tables (groups, page and collection
permissions, a moderation workflow), not in checks of our own, so that every admin
view Wagtail has, and every view it adds later, enforces them:

- the network secretariat edits and publishes the whole directory, in every language;
- each partner organisation has a group that may add and change pages under its own
  OrganisationPage only, never publish, and upload images and documents into its own
  collection only;
- partners' changes go through the "Έγκριση γραμματείας" workflow, in which only the
  secretariat approves or sends a change back with a comment.

No model links users to organisations: a partner group belongs to the organisation
its page permissions are on, and a user sees what their groups may change. Every
function here is idempotent, because `make run` calls them on every start.
"""

import calendar
import datetime

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, F, OuterRef, Q, Subquery
from django.db.models.functions import Length, Substr
from django.utils import timezone

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.permissions import page_permission_policy

from directory.models import (
    AccessCondition,
    AccessibilityFeature,
    AdministrativeArea,
    DirectoryIndexPage,
    ImportRun,
    Language,
    ListingReport,
    ServiceCategory,
    ServicePage,
    TargetGroup,
)

# Group, workflow and task names are data shown to editors, in the default language.
SECRETARIAT_GROUP_NAME = "Γραμματεία δικτύου"
APPROVAL_WORKFLOW_NAME = "Έγκριση γραμματείας"
APPROVAL_TASK_NAME = "Έλεγχος από τη γραμματεία"
PARTNER_GROUP_NAME = "Εταίρος #{pk}: {title}"

SECRETARIAT_PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
# No "publish": a partner's change reaches the public only through the workflow.
PARTNER_PAGE_ACTIONS = ("add", "change")
REFERENCE_MODELS = (ServiceCategory, TargetGroup, AccessCondition, AccessibilityFeature, Language, AdministrativeArea)
SECRETARIAT_MEDIA_ACTIONS = ("add", "change", "choose", "delete")
PARTNER_MEDIA_ACTIONS = ("add", "choose")


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def submit_translation_permission():
    """wagtail-localize creates this permission in a data migration, on a content type
    of its own; recreate it the same way if it is missing (e.g. a flushed test database)."""
    content_type, _created = ContentType.objects.get_or_create(app_label="wagtail_localize", model="translation")
    permission, _created = Permission.objects.get_or_create(
        content_type=content_type, codename="submit_translation", defaults={"name": "Can submit translations"}
    )
    return permission


def _model_permissions(model, actions):
    content_type = ContentType.objects.get_for_model(model)
    codenames = [f"{action}_{model._meta.model_name}" for action in actions]
    return list(Permission.objects.filter(content_type=content_type, codename__in=codenames))


def _grant_page_permissions(group, page, actions):
    for action in actions:
        GroupPagePermission.objects.get_or_create(
            group=group, page=page, permission=_permission("wagtailcore", f"{action}_page")
        )


def _grant_media_permissions(group, collection, actions):
    for app_label, model_name in (("wagtailimages", "image"), ("wagtaildocs", "document")):
        for action in actions:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_permission(app_label, f"{action}_{model_name}")
            )


def _admin_access():
    return _permission("wagtailadmin", "access_admin")


@transaction.atomic
def ensure_secretariat_group():
    """The network secretariat: runs the whole social map and approves partners' changes."""
    group, _created = Group.objects.get_or_create(name=SECRETARIAT_GROUP_NAME)
    permissions = [_admin_access(), submit_translation_permission()]
    for model in REFERENCE_MODELS:
        permissions += _model_permissions(model, ("add", "change", "delete", "view"))
    permissions += _model_permissions(ListingReport, ("change", "delete", "view"))
    permissions += _model_permissions(ImportRun, ("add", "view"))  # the HSDS import screen
    group.permissions.add(*permissions)
    # Every language has its own social map page; the secretariat runs all of them.
    for directory in DirectoryIndexPage.objects.all():
        _grant_page_permissions(group, directory, SECRETARIAT_PAGE_ACTIONS)
    _grant_media_permissions(group, Collection.get_first_root_node(), SECRETARIAT_MEDIA_ACTIONS)
    return group


def partner_group(organisation):
    """The group holding page permissions on this organisation (None if it has none yet)."""
    return (
        Group.objects.filter(page_permissions__page=organisation)
        .exclude(name=SECRETARIAT_GROUP_NAME)
        .order_by("pk")
        .first()
    )


@transaction.atomic
def ensure_partner_group(organisation):
    """One group per partner organisation, confined to its own page subtree and collection."""
    group = partner_group(organisation)
    if group is None:
        name = PARTNER_GROUP_NAME.format(pk=organisation.pk, title=organisation.title)
        group, _created = Group.objects.get_or_create(name=name[:150])
    group.permissions.add(_admin_access(), *_model_permissions(ListingReport, ("change", "view")))
    _grant_page_permissions(group, organisation, PARTNER_PAGE_ACTIONS)
    collection = Collection.objects.filter(group_permissions__group=group).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=organisation.title[:255])
    _grant_media_permissions(group, collection, PARTNER_MEDIA_ACTIONS)
    return group


@transaction.atomic
def add_partner_user(organisation, username, email, password=None):
    """Create or update an editor of `organisation`.

    Without a password the account cannot log in until its owner sets one through
    the admin's "forgot password" link, so no password has to travel by e-mail.
    """
    user, created = get_user_model().objects.get_or_create(username=username, defaults={"email": email})
    user.email = email
    if password and not user.check_password(password):
        user.set_password(password)
    elif created:
        user.set_unusable_password()
    user.save()
    user.groups.add(ensure_partner_group(organisation))
    return user


@transaction.atomic
def ensure_approval_workflow():
    """The secretariat's approval, assigned to the social map of every language.

    A workflow on the DirectoryIndexPage covers every organisation, service and good
    practice below it, so pages a partner creates later are covered too.
    """
    secretariat = ensure_secretariat_group()
    task = GroupApprovalTask.objects.filter(name=APPROVAL_TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=APPROVAL_TASK_NAME)
    task.groups.add(secretariat)
    workflow, _created = Workflow.objects.get_or_create(name=APPROVAL_WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    for directory in DirectoryIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page=directory, defaults={"workflow": workflow})
    return workflow


def partner_editors(organisation):
    """Active users of the organisation's partner group(s) who have an e-mail address."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__page_permissions__page=organisation)
        .exclude(email="")
        .distinct()
        .order_by("username")
    )


def editable_pages(user):
    """The pages `user` may change: the one measure of a partner's share of the directory.

    Reports, review flags, verification and the dashboard all confine partners with it;
    the secretariat (and superusers) change every directory page.
    """
    return page_permission_policy.instances_user_has_permission_for(user, "change")


def listing_reports_for(user):
    """Problem reports a user may see: those about services the user may change.

    The secretariat changes the whole directory and so sees every report; a partner
    sees reports about its own organisation's services only.
    """
    reports = ListingReport.objects.select_related("service", "handled_by")
    if user.is_superuser:
        return reports
    editable = editable_pages(user)
    return reports.filter(service_id__in=editable.values("pk"))


def months_before(day, months):
    """The same day `months` earlier, clamped to the month's end (31 Aug - 6 months = 28/29 Feb)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_listing_months():
    return getattr(settings, "KOINONIA_STALE_LISTING_MONTHS", 6)


def stale_services(months=None, today=None):
    """Live services not verified for `months` (or never), oldest first, with their organisation.

    Each service carries `organisation_id` and `organisation_title` (its parent page),
    so a list of thousands needs one query, not one per row.
    """
    months = stale_listing_months() if months is None else months
    cutoff = months_before(today or timezone.localdate(), months)
    parent = Page.objects.filter(
        path=Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen, output_field=CharField())
    )
    return (
        ServicePage.objects.live()
        .filter(Q(assured_date__lt=cutoff) | Q(assured_date__isnull=True))
        .annotate(
            organisation_id=Subquery(parent.values("pk")[:1]),
            organisation_title=Subquery(parent.values("title")[:1]),
        )
        .order_by("organisation_title", F("assured_date").asc(nulls_first=True), "title")
    )
