"""The body of a campaign page, as StreamField blocks.

A campaign is a page the publicity team writes once and translates: text, pictures,
a video, a quote, and above all ways to act. Two blocks point into the rest of the
portal instead of copying it: `ServicesBlock` renders chosen services or categories of
the social map as the same live result cards the directory shows (so a service that
closes or changes its phone is right on the campaign too), and `TakePartBlock` shows a
consultation or survey with its current status and deadline.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]

#: At most this many cards for the categories of one services block.
SERVICES_BLOCK_MAX_CARDS = 6


class ImageBlock(blocks.StructBlock):
    """A picture with the text that replaces it for people who cannot see it."""

    image = ImageChooserBlock(label=_("Image"))
    alt = blocks.CharBlock(
        label=_("Alternative text"),
        max_length=255,
        help_text=_("What the picture shows, for people who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("Caption"), max_length=255, required=False)

    class Meta:
        icon = "image"
        label = _("Image")
        template = "campaigns/blocks/image.html"


class VideoBlock(blocks.StructBlock):
    """A video from an embed provider (YouTube is rewritten to its no-cookie domain)."""

    video = EmbedBlock(label=_("Video address"), help_text=_("A YouTube or Vimeo address."))
    title = blocks.CharBlock(label=_("Title"), max_length=255, help_text=_("Names the video for screen readers."))
    transcript = blocks.TextBlock(label=_("Transcript or description"), required=False)

    class Meta:
        icon = "media"
        label = _("Video")
        template = "campaigns/blocks/video.html"


class QuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(label=_("Quote"))
    attribution = blocks.CharBlock(label=_("Who said it"), max_length=255, required=False)

    class Meta:
        icon = "openquote"
        label = _("Quote")
        template = "campaigns/blocks/quote.html"


class CallToActionBlock(blocks.StructBlock):
    """A prominent link: "Κάνε αίτηση", "Call 1502"... to a page or an address."""

    label = blocks.CharBlock(label=_("Button text"), max_length=120)
    page = blocks.PageChooserBlock(label=_("Page"), required=False)
    url = blocks.URLBlock(label=_("or address"), required=False, help_text=_("tel: and mailto: are not accepted here."))
    text = blocks.TextBlock(label=_("Text beside the button"), required=False)

    class Meta:
        icon = "link"
        label = _("Call to action")
        template = "campaigns/blocks/call_to_action.html"

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            raise StructBlockValidationError(
                block_errors={"page": ValidationError(_("Choose a page or write an address, one of the two."))}
            )
        return value


class ServicesBlock(blocks.StructBlock):
    """Services of the social map, chosen one by one or by category, as live cards."""

    heading = blocks.CharBlock(label=_("Heading"), max_length=255, required=False)
    services = blocks.ListBlock(
        blocks.PageChooserBlock(page_type="directory.ServicePage"), label=_("Services"), default=[]
    )
    categories = blocks.ListBlock(
        SnippetChooserBlock("directory.ServiceCategory"),
        label=_("or categories"),
        default=[],
        help_text=_("Shows up to six services of these categories, with a link to all of them."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Services from the social map")
        template = "campaigns/blocks/services.html"

    def clean(self, value):
        value = super().clean(value)
        if not value.get("services") and not value.get("categories"):
            raise StructBlockValidationError(
                block_errors={"services": ValidationError(_("Choose at least one service or one category."))}
            )
        return value

    def get_context(self, value, parent_context=None):
        from campaigns.services_block import services_block_context

        context = super().get_context(value, parent_context=parent_context)
        context.update(services_block_context(value, (parent_context or {}).get("request")))
        return context


class TakePartBlock(blocks.StructBlock):
    """A consultation or survey to take part in, with its status and deadline."""

    page = blocks.PageChooserBlock(
        label=_("Consultation or survey"), page_type=["consultations.ConsultationPage", "consultations.SurveyPage"]
    )
    text = blocks.TextBlock(label=_("Why take part"), required=False)

    class Meta:
        icon = "form"
        label = _("Take part")
        template = "campaigns/blocks/take_part.html"

    def get_context(self, value, parent_context=None):
        from campaigns.services_block import take_part_context

        context = super().get_context(value, parent_context=parent_context)
        context.update(take_part_context(value, (parent_context or {}).get("request")))
        return context


class CampaignBodyBlock(blocks.StreamBlock):
    text = blocks.RichTextBlock(label=_("Text"), features=TEXT_FEATURES, template="campaigns/blocks/text.html")
    image = ImageBlock()
    video = VideoBlock()
    quote = QuoteBlock()
    call_to_action = CallToActionBlock()
    services = ServicesBlock()
    take_part = TakePartBlock()
