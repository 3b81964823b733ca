"""What every modelled HSDS 3.0 child object shares: its HSDS id and the fields we keep verbatim.

HSDS objects carry fields nobody edits in a form (`metadata` audit trails, recurrence
details such as `byweekno`, `attributes` of taxonomies we do not know, a phone's
`languages`). Each object keeps those, exactly as they came, in one JSON field
(`hsds_extra`), so that a file imported and exported again loses nothing, while
everything a person edits is a real field with its own form control. The field is not
editable: the admin neither shows nor clears it, and revisions carry it along.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Orderable


def hsds_extra_field():
    return models.JSONField(
        _("other HSDS fields"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("HSDS fields kept as they were received, for a lossless export."),
    )


def hsds_link_field(verbose_name, help_text=""):
    """An HSDS id naming a sibling object of the same page (a service_at_location, a contact).

    An id rather than a foreign key: siblings are saved together, from a form or a
    revision, before either has a primary key, and HSDS ids never change.
    """
    return models.UUIDField(verbose_name, null=True, blank=True, help_text=help_text)


class HsdsChild(Orderable):
    """An inline object of a page that is one HSDS object."""

    hsds_id = models.UUIDField(_("HSDS id"), default=uuid.uuid4)
    hsds_extra = hsds_extra_field()

    class Meta(Orderable.Meta):
        abstract = True
