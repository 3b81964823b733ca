"""Partners announce their own events, within Wagtail's page permissions.

Each partner organisation gets an `EventOrganiserFolder` under the events index of the
default language, and its partner group (directory.partners) gets "add" and "change"
on that folder: a partner can then create and edit events there and nowhere else, and
the folder's events must name the folder's organisation as organiser
(campaigns.models.events.EventPageForm). Like every partner change, their events reach
the public through the secretariat's approval workflow (no "publish" permission).

The folder is created when needed: when a partner group gets its page permissions on an
OrganisationPage (a post_save of Wagtail's GroupPagePermission), so directory, which
must not know campaigns, does nothing for it.
"""

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.text import slugify

from wagtail.models import GroupPagePermission, Locale, Page, WorkflowPage

from campaigns.models.events import EventIndexPage, EventOrganiserFolder
from directory.models import OrganisationPage
from directory.partners import (
    APPROVAL_WORKFLOW_NAME,
    PARTNER_PAGE_ACTIONS,
    SECRETARIAT_GROUP_NAME,
    SECRETARIAT_PAGE_ACTIONS,
    partner_group,
)


def _index():
    return EventIndexPage.objects.filter(locale=Locale.get_default()).first()


@transaction.atomic
def ensure_organiser_folder(organisation, group=None):
    """The organisation's events folder (created if missing), with its partner group's
    permissions on it once it has one; None while there is no events index."""
    index = _index()
    group = group or partner_group(organisation)
    if index is None:
        return None
    folder = EventOrganiserFolder.objects.filter(organisation=organisation).child_of(index).first()
    if folder is None:
        slug = slugify(organisation.slug, allow_unicode=True)[:200] or f"organisation-{organisation.pk}"
        folder = index.add_child(
            instance=EventOrganiserFolder(
                title=organisation.title[:255],
                slug=f"{slug}-{organisation.pk}",
                organisation=organisation,
                locale=index.locale,
                live=True,
                show_in_menus=False,
            )
        )
    if group is None:
        return folder
    for action in PARTNER_PAGE_ACTIONS:
        permission = _page_permission(action)
        if not GroupPagePermission.objects.filter(group=group, page=folder, permission=permission).exists():
            GroupPagePermission.objects.create(group=group, page=folder, permission=permission)
    _approval_on(index)
    return folder


def _page_permission(action):
    from django.contrib.auth.models import Permission

    return Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")


def _approval_on(index):
    """Partners' events go through the same approval as their listings."""
    from wagtail.models import Workflow

    workflow = Workflow.objects.filter(name=APPROVAL_WORKFLOW_NAME).first()
    if workflow is not None and not WorkflowPage.objects.filter(page=index).exists():
        WorkflowPage.objects.create(page=index, workflow=workflow)


def ensure_events_section():
    """The secretariat runs the events of every language; a folder for every organisation
    that has a partner group. Idempotent."""
    from django.contrib.auth.models import Group

    secretariat = Group.objects.filter(name=SECRETARIAT_GROUP_NAME).first()
    if secretariat is not None:
        # Registrations: read, export, correct; never "add" (a place is only given under the lock).
        from django.contrib.auth.models import Permission

        secretariat.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="campaigns",
                codename__in=["view_eventregistration", "change_eventregistration", "delete_eventregistration"],
            )
        )
        for index in EventIndexPage.objects.all():
            for action in SECRETARIAT_PAGE_ACTIONS:
                GroupPagePermission.objects.get_or_create(
                    group=secretariat, page=index, permission=_page_permission(action)
                )
    folders = []
    for organisation in OrganisationPage.objects.filter(
        group_permissions__isnull=False, locale=Locale.get_default()
    ).distinct():
        folder = ensure_organiser_folder(organisation)
        if folder is not None:
            folders.append(folder)
    return folders


@receiver(post_save, sender=GroupPagePermission)
def _partner_got_permissions(sender, instance, created, raw=False, **kwargs):
    if raw or not created or instance.group.name == SECRETARIAT_GROUP_NAME:
        return
    page = Page.objects.filter(pk=instance.page_id).only("content_type").first()
    if page is None or page.specific_class is not OrganisationPage:
        return
    organisation = page.specific
    transaction.on_commit(lambda: ensure_organiser_folder(organisation, instance.group))
