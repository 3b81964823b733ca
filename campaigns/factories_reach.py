"""Factories of campaign materials, for tests, benchmarks and the demo."""

import factory

from campaigns.factories_pages import CampaignPageFactory
from campaigns.models import Material


class MaterialFactory(factory.django.DjangoModelFactory):
    campaign = factory.SubFactory(CampaignPageFactory)
    kind = Material.Kind.POSTER
    placement = factory.Sequence(lambda n: f"Κέντρο Κοινότητας Κοζάνης, αφίσα A3 #{n}")
    channel = Material.Channel.PRINT

    class Meta:
        model = Material
