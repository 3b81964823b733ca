"""Public forms of events: registering, and the filters of the events list."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from campaigns.models.events import EventType
from core.forms import PublicFormMixin
from core.spam import SpamProtectedForm
from directory.phones import international, normalise_phone

NAME_MAX = 200
NOTE_MAX = 1000
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
#: "2026-12". ASCII digits and this century only: \d matched other scripts' digits, and
#: 0000-01 or 9999-12 made a month no datetime can hold (a 500 on the events list).
MONTH = re.compile(r"^(20[0-9]{2})-(0[1-9]|1[0-2])$")


def clean_text(value, multiline=True):
    """Plain text as people meant it: no control or direction-override characters, trimmed."""
    value = _CONTROL.sub("", value or "")
    if not multiline:
        value = " ".join(value.split())
    return value.strip()


class RegistrationForm(PublicFormMixin, SpamProtectedForm):
    """Registration without an account: who, how to reach them, how many, what they need.

    E-mail or phone, at least one: many people the network serves have no e-mail. The
    phone is read with the social map's phone rules (Greek numbers as written, others
    in international format) and a number that cannot be dialled is refused.
    """

    name = forms.CharField(
        label=_("Your name"),
        max_length=NAME_MAX,
        error_messages={
            "required": _("Enter your name"),
            "max_length": format_lazy(_("Your name must be {max} characters or fewer"), max=NAME_MAX),
        },
    )
    email = forms.EmailField(
        label=_("E-mail (optional if you give a phone)"),
        max_length=254,
        required=False,
        help_text=_("We send the confirmation and a link to cancel here."),
        error_messages={
            "invalid": _("Enter an e-mail address in the correct format, like name@example.com"),
            "max_length": format_lazy(_("Your e-mail address must be {max} characters or fewer"), max=254),
        },
    )
    phone = forms.CharField(
        label=_("Phone (optional if you give an e-mail)"),
        max_length=40,
        required=False,
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
        error_messages={"max_length": _("Enter a phone number like 2461 350 000 or +30 694 123 4567")},
    )
    people = forms.TypedChoiceField(
        label=_("How many people, you included"),
        coerce=int,
        initial=1,
        error_messages={"invalid_choice": _("Choose how many people from the list")},
    )
    interpretation = forms.CharField(
        label=_("Interpretation into a language (optional)"),
        max_length=100,
        required=False,
        help_text=_("For example Arabic, Farsi, Ukrainian or Greek Sign Language."),
        error_messages={"max_length": _("Write the language in 100 characters or fewer")},
    )
    accessibility_needs = forms.CharField(
        label=_("Accessibility needs (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": format_lazy(_("Write your needs in {max} characters or fewer"), max=NOTE_MAX)},
    )
    notes = forms.CharField(
        label=_("Anything else we should know (optional)"),
        max_length=NOTE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": format_lazy(_("Write this in {max} characters or fewer"), max=NOTE_MAX)},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the network keeps these details to organise the event and contact me about it; "
            "they are deleted after the event, as the privacy notice says."
        ),
        error_messages={"required": _("Tick the box to agree, so that we can register you")},
    )

    def __init__(self, *args, max_people=4, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["people"].choices = [(n, str(n)) for n in range(1, max_people + 1)]

    def clean_name(self):
        name = clean_text(self.cleaned_data.get("name"), multiline=False)
        if not name:
            raise ValidationError(_("Enter your name"), code="required")
        return name

    def clean_email(self):
        return (self.cleaned_data.get("email") or "").strip().lower()

    def clean_phone(self):
        phone = clean_text(self.cleaned_data.get("phone"), multiline=False)
        if not phone:
            return ""
        if not normalise_phone(phone):
            raise ValidationError(_("Enter a phone number like 2461 350 000 or +30 694 123 4567"), code="invalid")
        return international(phone) or normalise_phone(phone)

    def clean_interpretation(self):
        return clean_text(self.cleaned_data.get("interpretation"), multiline=False)

    def clean_accessibility_needs(self):
        return clean_text(self.cleaned_data.get("accessibility_needs"))

    def clean_notes(self):
        return clean_text(self.cleaned_data.get("notes"))

    def clean(self):
        cleaned = super().clean()
        no_errors = not self.errors.get("email") and not self.errors.get("phone")
        if no_errors and not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error("email", _("Enter an e-mail address or a phone number, so that we can reach you"))
        return cleaned


class EventFilterForm(forms.Form):
    """The events list's filters (GET): type, area, month. Bad values are ignored, not errors."""

    event_type = forms.MultipleChoiceField(label=_("Type of event"), choices=EventType.choices, required=False)
    area = forms.ChoiceField(label=_("Area"), required=False)
    month = forms.ChoiceField(label=_("Month"), required=False)

    def __init__(self, *args, areas=(), months=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [("", _("All areas")), *areas]
        self.fields["month"].choices = [("", _("Any month")), *months]

    def filters(self):
        """The valid filters only: a stale link with an unknown value still shows events."""
        data = self.data
        types = [t for t in data.getlist("event_type") if t in EventType.values] if hasattr(data, "getlist") else []
        area_values = {str(v) for v, _label in self.fields["area"].choices if v}
        area = data.get("area", "")
        month = data.get("month", "")
        return {
            "event_type": types,
            "area": area if area in area_values else "",
            "month": month if MONTH.match(month or "") else "",
        }
