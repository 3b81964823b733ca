"""A visitor's way back: an e-mail address or a phone number staff can actually use.

The "report a problem" form asks, optionally, how to reach the person who reports.
Staff can do nothing with "210" or "abc", so the form says at once what it needs,
instead of storing something nobody can call back. Phone numbers are read by
`phonenumbers` (Google's libphonenumber data): Greek by default, any country when
written with + or 00 and the country code; they are stored in international
format ("+30 21 0123 4567") so staff see the country at a glance.
"""

import re

import phonenumbers

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

DEFAULT_REGION = "GR"
# Digits and what people put between them; letters ("vanity numbers") are not a contact.
_PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]+$")

EMAIL_MESSAGE = _("Enter an e-mail address in the correct format, like name@example.com")
PHONE_MESSAGE = _(
    "Enter a phone number with its area code, like 210 123 4567 or 690 123 4567, "
    "or with + and the country code, like +44 20 7946 0958"
)
CONTACT_MESSAGE = _(
    "Enter a phone number, like 210 123 4567, or an e-mail address, like name@example.com, or leave it empty"
)


def normalise_contact(value):
    """The contact as it will be stored, '' when empty; ValidationError saying what to enter."""
    value = " ".join((value or "").split())
    if not value:
        return ""
    if "@" in value:
        try:
            validate_email(value)
        except ValidationError as exc:
            raise ValidationError(EMAIL_MESSAGE, code="invalid_email") from exc
        local, domain = value.rsplit("@", 1)
        return f"{local}@{domain.lower()}"
    if not _PHONE_LIKE.match(value):
        raise ValidationError(CONTACT_MESSAGE, code="invalid_contact")
    try:
        number = phonenumbers.parse(value, DEFAULT_REGION)
    except phonenumbers.NumberParseException as exc:
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
