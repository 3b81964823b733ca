"""Factories of campaign pages, for tests and benchmarks (factory_boy + wagtail-factories)."""

import uuid

import factory
import wagtail_factories

from wagtail.models import Locale, Page, Site

from campaigns.models import CampaignIndexPage, CampaignPage


def campaigns_index(locale=None):
    """The campaigns index in `locale` (default: Greek), made under the home page (and
    translated there) on first use, as an editor would."""
    default = Locale.get_default()
    index = CampaignIndexPage.objects.filter(locale=default).first()
    if index is None:
        home = Site.objects.get(is_default_site=True).root_page
        index = home.add_child(instance=CampaignIndexPage(title="Εκστρατείες", slug="campaigns", locale=default))
        index.save_revision().publish()
    if locale is None or locale.pk == default.pk:
        return index
    translation = index.get_translation_or_none(locale)
    if translation is None:
        translation = index.copy_for_translation(locale, copy_parents=True)
        translation.title = f"Campaigns ({locale.language_code})"
        translation.save_revision().publish()
    return translation


def translate(page, language, **fields):
    """A published translation of `page` in `language`, with `fields` set (wagtail-localize's copy)."""
    locale = Locale.objects.get(language_code=language)
    campaigns_index(locale)
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return Page.objects.get(pk=translation.pk).specific


def block(kind, value):
    """A raw body block for `body=[...]`."""
    return {"type": kind, "value": value, "id": str(uuid.uuid4())}


class CampaignPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Εκστρατεία {n}")
    slug = factory.Sequence(lambda n: f"ekstrateia-{n}")
    summary = "Ενημέρωση για τα δικαιώματα και τις υπηρεσίες του δικτύου."
    parent = factory.LazyFunction(campaigns_index)

    class Meta:
        model = CampaignPage
        skip_postgeneration_save = True

    @factory.post_generation
    def target_groups(self, create, extracted, **kwargs):
        if extracted:
            self.target_groups.set(extracted)
            self.save()

    @factory.post_generation
    def areas(self, create, extracted, **kwargs):
        if extracted:
            self.areas.set(extracted)
            self.save()
