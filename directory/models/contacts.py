"""People to contact about a service or an organisation (HSDS `contact`, with its `phones`).

A contact is usually a person, so its e-mail address is personal data: the public
site, the API and the default HSDS export never show it; only the operator's full
export (`export_hsds --full`) carries it, so that a round trip is exact. A contact
may belong to the service itself, to one of its places (`service_at_location`) or to
a location; the link is the HSDS id of that place, as HSDS itself links them.

A contact's phones are their own inline objects, linked to the contact by its HSDS
id: Wagtail's editor does not nest inline panels, and the listing stays one form.
"""

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel

from directory.models.hsds_base import HsdsChild, hsds_link_field

PHONE_TYPES = [("voice", _("Voice")), ("text", _("SMS")), ("fax", _("Fax")), ("cell", _("Mobile"))]


class Contact(HsdsChild):
    """Common shape of a contact; HSDS sets no length on any of its texts."""

    name = models.TextField(_("name"), blank=True)
    title = models.TextField(_("job title"), blank=True)
    department = models.TextField(_("department"), blank=True)
    email = models.EmailField(
        _("e-mail"), max_length=254, blank=True, help_text=_("Personal data: never shown to the public or exported.")
    )

    panels = [
        FieldRowPanel(
            [
                FieldPanel("name", widget=forms.TextInput),
                FieldPanel("title", widget=forms.TextInput),
                FieldPanel("department", widget=forms.TextInput),
            ]
        ),
        FieldPanel("email"),
        FieldPanel("hsds_id", read_only=True, heading=_("HSDS id (to give this contact a phone)")),
    ]

    class Meta(HsdsChild.Meta):
        abstract = True

    def __str__(self):
        return self.name or self.title or self.department or str(_("Contact"))


class ContactPhone(HsdsChild):
    """A phone of a contact (HSDS phone with `contact_id`)."""

    contact_hsds_id = hsds_link_field(_("contact (HSDS id)"), _("The HSDS id of the contact this phone belongs to."))
    number = models.CharField(_("number"), max_length=255)
    extension = models.CharField(_("extension"), max_length=20, blank=True)
    type = models.CharField(_("type"), max_length=10, choices=PHONE_TYPES, default="voice")
    description = models.TextField(_("description"), blank=True)

    panels = [
        FieldPanel("contact_hsds_id"),
        FieldRowPanel([FieldPanel("number"), FieldPanel("extension"), FieldPanel("type")]),
        FieldPanel("description"),
    ]

    class Meta(HsdsChild.Meta):
        abstract = True


class ServiceContact(Contact):
    page = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="contacts")
    #: Where HSDS lists the contact: the service itself, one of its places, a location.
    on_service = models.BooleanField(_("contact of the service"), default=True)
    service_at_location_hsds_id = hsds_link_field(_("at the place (service_at_location HSDS id)"))
    location_hsds_id = hsds_link_field(_("at the location (HSDS id)"))

    panels = Contact.panels + [
        FieldPanel("on_service"),
        FieldRowPanel([FieldPanel("service_at_location_hsds_id"), FieldPanel("location_hsds_id")]),
    ]

    class Meta(Contact.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")


class ServiceContactPhone(ContactPhone):
    page = ParentalKey("directory.ServicePage", on_delete=models.CASCADE, related_name="contact_phones")

    class Meta(ContactPhone.Meta):
        verbose_name = _("contact's phone")
        verbose_name_plural = _("contacts' phones")


class OrganisationContact(Contact):
    page = ParentalKey("directory.OrganisationPage", on_delete=models.CASCADE, related_name="contacts")

    class Meta(Contact.Meta):
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")


class OrganisationContactPhone(ContactPhone):
    page = ParentalKey("directory.OrganisationPage", on_delete=models.CASCADE, related_name="contact_phones")

    class Meta(ContactPhone.Meta):
        verbose_name = _("contact's phone")
        verbose_name_plural = _("contacts' phones")
