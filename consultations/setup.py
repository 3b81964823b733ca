"""What every installation needs for consultations: the section page in every language
and the moderators' group. Idempotent (setup_site runs it on every `make run`)."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction

from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission, Locale

from consultations.models import ConsultationIndexPage
from core.site import default_home
from directory.partners import submit_translation_permission

# Group names are data shown to administrators, in the default language.
MODERATORS_GROUP_NAME = "Συντονιστές διαβουλεύσεων"
PAGE_ACTIONS = ("add", "change", "publish", "lock", "unlock")
SECTION = {
    "el": (
        "Διαβουλεύσεις και έρευνες",
        "Σχολιάστε τα σχέδια του δικτύου άρθρο προς άρθρο και πείτε μας τι χρειάζεστε.",
    ),
    "en": (
        "Consultations and surveys",
        "Comment on the network's draft plans article by article, and tell us what you need.",
    ),
    "ar": ("المشاورات والاستبيانات", "علّق على مسودات خطط الشبكة مادةً مادة، وأخبرنا بما تحتاج إليه."),
    "uk": ("Консультації та опитування", "Коментуйте проєкти планів мережі постатейно й розкажіть, що вам потрібно."),
}
SECTION_SLUG = "consultations"


@transaction.atomic
def ensure_consultations_section(home):
    """A ConsultationIndexPage under the default home page, translated into every locale."""
    index = ConsultationIndexPage.objects.child_of(home).first()
    if index is None:
        title, intro = SECTION["el"] if home.locale.language_code == "el" else SECTION["en"]
        index = home.add_child(
            instance=ConsultationIndexPage(title=title, slug=SECTION_SLUG, intro=intro, locale=home.locale)
        )
        index.save_revision().publish()
    for locale in Locale.objects.exclude(pk=index.locale_id):
        if index.has_translation(locale):
            continue
        translation = index.copy_for_translation(locale, copy_parents=True)
        translation.title, translation.intro = SECTION.get(locale.language_code, SECTION["en"])
        translation.save_revision().publish()
    return index


@transaction.atomic
def ensure_moderators_group():
    """Moderate comments, edit and publish consultations and surveys, upload their documents."""
    group, _created = Group.objects.get_or_create(name=MODERATORS_GROUP_NAME)
    codenames = [("wagtailadmin", "access_admin"), ("consultations", "moderate_comment")]
    group.permissions.add(
        *[Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in codenames],
        submit_translation_permission(),
    )
    for index in ConsultationIndexPage.objects.all():
        for action in PAGE_ACTIONS:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=index,
                permission=Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page"),
            )
    root = Collection.get_first_root_node()
    for app_label, model_name in (("wagtaildocs", "document"), ("wagtailimages", "image")):
        for action in ("add", "choose"):
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=root,
                permission=Permission.objects.get(content_type__app_label=app_label, codename=f"{action}_{model_name}"),
            )
    return group


def setup_consultations(home=None):
    """The consultations section under `home` (default: the site's home page, which
    portal's setup_site creates first) and its moderators."""
    index = ensure_consultations_section(home or default_home())
    group = ensure_moderators_group()
    return index, group
