"""A visitor's way back: an e-mail address or a phone number staff can actually use.

The "report a problem" form asks, optionally, how to reach the person who reports.
Staff can do nothing with "210" or "abc", so the form says at once what it needs,
instead of storing something nobody can call back. Phone numbers are read by
`directory.phones` (Google's libphonenumber, the one reading of phone numbers on the
site): Greek by default, any country when written with + or 00 and the country code;
they are stored in international format ("+30 21 0123 4567") so staff see the
country at a glance.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from directory.phones import DEFAULT_REGION, PHONE_LIKE, PHONE_MESSAGE, international

__all__ = ["CONTACT_MESSAGE", "DEFAULT_REGION", "EMAIL_MESSAGE", "PHONE_MESSAGE", "normalise_contact"]

EMAIL_MESSAGE = _("Enter an e-mail address in the correct format, like name@example.com")
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
    if not PHONE_LIKE.match(value):
        raise ValidationError(CONTACT_MESSAGE, code="invalid_contact")
    formatted = international(value, DEFAULT_REGION)
    if not formatted:
        # Hotlines (197) are diallable but nobody can be called back on them.
        raise ValidationError(PHONE_MESSAGE, code="invalid_phone")
    return formatted
