"""Small model fields the directory needs and Django lacks."""

from django import forms
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
#: iCal/HSDS day codes in Python's weekday order (Monday = 0).
ICAL_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class WeekdaysField(ArrayField):
    """A set of weekdays stored as an integer array (fast `@>` filters for
    "open now") and edited as a row of checkboxes rather than Django's default
    comma-separated text box."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("base_field", models.PositiveSmallIntegerField(choices=WEEKDAYS))
        kwargs.setdefault("default", list)
        kwargs.setdefault("blank", True)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs.pop("base_field", None)
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        defaults = {
            "form_class": forms.TypedMultipleChoiceField,
            "choices": WEEKDAYS,
            "coerce": int,
            "widget": forms.CheckboxSelectMultiple,
            "required": not self.blank,
        }
        defaults.update(kwargs)
        # Skip ArrayField.formfield, which would force SimpleArrayField.
        return models.Field.formfield(self, **defaults)
