"""Phone numbers, read once and the same way everywhere, by `phonenumbers`.

`phonenumbers` is Google's libphonenumber (its numbering plans are kept current for
every country), so the site knows a Greek landline, a Greek mobile, a Greek hotline
(15900, 197) and a US number (786-478-6899) without rules of our own. Numbers without
a country code are read in a region: Greece on the site (`DEFAULT_REGION`); an import
says its data set's region (`--region US` for a 211 file).

A number is *diallable* when libphonenumber says it is a valid number, or a possible
short number of its region (the hotlines); only diallable numbers become `tel:` links.
Three places use this module: the links (`tel_uri`), the admin's and the forms'
validation (`normalise_phone`, `contact.normalise_contact`) and the importer, which
reads whatever a registry put in a phone field (`read_phone_field`): several numbers
in one field, trailing punctuation, "Τηλ.:" labels, a number with its extension after a
dash ("210-6218400-404"), a range ("2108020938-39") and text that is no number at all
("210"), which is kept for a person to fix instead of being dropped.
"""

import re
from dataclasses import dataclass, field

import phonenumbers
from phonenumbers import shortnumberinfo
from phonenumbers.phonemetadata import PhoneMetadata

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: Numbers without a country code are Greek on the site.
DEFAULT_REGION = "GR"
#: What a phone's number field holds (ServicePhone.number); longer text is cut, with a note.
NUMBER_LENGTH = 255

PHONE_MESSAGE = gettext_lazy(
    "Enter a phone number with its area code, like 210 123 4567 or 690 123 4567, "
    "or with + and the country code, like +44 20 7946 0958"
)

# Where one field holds several numbers: commas, semicolons, new lines, " / ", "or", "και", "ή".
_SEPARATORS = re.compile(r"\s*(?:[,;|\n\r]+|\s/\s|\s(?:or|and|και|ή|&)\s)\s*", re.IGNORECASE)
# Written extensions libphonenumber does not know: Greek "εσωτ. 12", "εσ. 12".
_GREEK_EXTENSION = re.compile(
    r"^(?P<main>.*?\d)\s*,?\s*(?:εσωτ(?:ερικό)?|εσ)\.?\s*:?\s*(?P<ext>\d{1,6})$", re.IGNORECASE
)
# A number followed by a dash and a few digits: an extension ("210-6218400-404") or a
# range of consecutive numbers ("2108020938-39").
_DASH_TAIL = re.compile(r"^(?P<main>.*\d)\s*[-–/]\s*(?P<tail>\d{1,5})$")
_EDGE_PUNCTUATION = " \t.,;:-–/|*#()"
#: Digits and what people put between them; letters ("vanity numbers") are no phone.
PHONE_LIKE = re.compile(r"^\+?[\d\s().\-/]+$")


def parse_phone(text, region=DEFAULT_REGION):
    """The `PhoneNumber` of a diallable number written in `text`, or None."""
    text = (text or "").strip()
    if not text or len(text) > 60:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        return None
    return number if is_diallable(number, region) else None


def is_diallable(number, region=DEFAULT_REGION):
    """A valid number, or a short number (hotline) that can be dialled in `region`."""
    if phonenumbers.is_valid_number(number):
        return True
    if number.country_code != phonenumbers.country_code_for_region(region) or number.italian_leading_zero:
        return False
    if shortnumberinfo.is_valid_short_number_for_region(number, region):
        return True
    # libphonenumber lists only some short numbers one by one (emergency numbers, 116xxx);
    # the others (the Greek hotlines 15900, 197, 10306) are diallable when they have the
    # length and shape of the region's short numbers, as its metadata describes them.
    national = phonenumbers.national_significant_number(number)
    extra = _FOUR_DIGIT_HOTLINES.get(region)
    if extra and re.fullmatch(extra, national):
        return True
    metadata = PhoneMetadata.short_metadata_for_region(region)
    if metadata is None or not shortnumberinfo.is_possible_short_number_for_region(number, region):
        return False
    return re.fullmatch(metadata.general_desc.national_number_pattern, national) is not None


#: Four-digit hotlines libphonenumber's short-number metadata does not know (it gives
#: Greece lengths 3, 5 and 6 only), though the Greek regulator allocates 1xxx numbers to
#: lines our visitors need most: 1056 (children in danger), 1018 (suicide intervention).
_FOUR_DIGIT_HOTLINES = {"GR": r"1\d{3}"}


def _is_short(number):
    return not phonenumbers.is_valid_number(number)


def normalise_phone(text, region=DEFAULT_REGION):
    """E.164 of a diallable number ("+302461350000"), the digits of a hotline ("15900"), or ''."""
    number = parse_phone(text, region)
    if number is None:
        return ""
    if _is_short(number):
        return phonenumbers.national_significant_number(number)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def tel_uri(text, region=DEFAULT_REGION):
    """RFC 3966 link for a phone number, or '' when the number cannot be dialled."""
    normalised = normalise_phone(text, region)
    return f"tel:{normalised}" if normalised else ""


def international(text, region=DEFAULT_REGION):
    """A full number in international format ("+30 21 0123 4567"), '' for anything else."""
    if not PHONE_LIKE.match((text or "").strip()):
        return ""
    number = parse_phone(text, region)
    if number is None or _is_short(number):
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


# Reading a registry's phone field ---------------------------------------------------


@dataclass
class PhoneReading:
    """One phone found in a field: `number` as it will be stored, and its extension."""

    number: str
    extension: str = ""
    diallable: bool = True


@dataclass
class PhoneField:
    """What a phone field held: the phones, and what was done to read them.

    `notes` are (kind, message) pairs with the kinds of `directory.models.ReviewKind`:
    "phone-split", "phone-cleaned", "phone-extension", "phone-not-diallable".
    """

    phones: list = field(default_factory=list)
    notes: list = field(default_factory=list)


def read_phone_field(text, region=DEFAULT_REGION):
    """Read a phone field of an imported record; see the module docstring.

    A diallable number is stored as written (punctuation around it cleaned) when it is
    of the site's country, else in international format ("+1 786-478-6899") so that its
    `tel:` link and its reading do not depend on the region of the file it came from.
    """
    raw = " ".join((text or "").split()) if "\n" not in (text or "") else (text or "").strip()
    result = PhoneField()
    if not raw.strip():
        return result
    pieces = [piece for piece in _SEPARATORS.split(raw) if piece.strip(_EDGE_PUNCTUATION)]
    for piece in pieces:
        result.phones.extend(_read_piece(piece, region, result.notes))
    if len(result.phones) > 1:
        result.notes.insert(
            0,
            (
                "phone-split",
                _("'%(value)s' holds %(count)s phone numbers; each became a phone of its own.")
                % {"value": raw, "count": len(result.phones)},
            ),
        )
    elif (
        len(result.phones) == 1
        and result.phones[0].diallable
        and result.phones[0].number != raw
        and not any(kind == "phone-extension" for kind, _message in result.notes)
        and not _reformatted_only(raw, result.phones[0], region)
    ):
        message = _("'%(value)s' was cleaned to '%(number)s'.") % {"value": raw, "number": _shown(result.phones[0])}
        result.notes.append(("phone-cleaned", message))
    return result


def _shown(reading):
    return f"{reading.number} ({reading.extension})" if reading.extension else reading.number


def _reformatted_only(raw, reading, region):
    """True when only the format changed (a foreign number written in international form)."""
    number = parse_phone(raw, region)
    return number is not None and _stored_text(raw, number, region) == reading.number


def _stored_text(text, number, region):
    if number.country_code == phonenumbers.country_code_for_region(DEFAULT_REGION) or _is_short(number):
        return text
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)


def _reading(text, number, region, extension=""):
    extension = extension or number.extension or ""
    if _is_short(number) and region != DEFAULT_REGION:
        # A short number of another country (the US 211) cannot be dialled from here.
        return PhoneReading(number=text.strip(), diallable=False)
    if number.extension:
        # Stored without the extension words; the extension has its own field.
        number = phonenumbers.PhoneNumber(country_code=number.country_code, national_number=number.national_number)
        text = re.split(r"\s*(?:ext\.?|x|extension|#)\s*\d+$", text, flags=re.IGNORECASE)[0]
    return PhoneReading(number=_stored_text(text.strip(_EDGE_PUNCTUATION), number, region), extension=extension)


def _read_piece(piece, region, notes):
    original = piece.strip()
    text = original.strip(_EDGE_PUNCTUATION) if not original.startswith("+") else original.rstrip(_EDGE_PUNCTUATION)
    number = parse_phone(text, region)
    if number is not None and _PHONE_LIKE_OR_EXT.match(text):
        reading = _reading(text, number, region)
        if not reading.diallable:
            notes.append(
                (
                    "phone-not-diallable",
                    _("'%(value)s' is a short number of %(region)s that cannot be dialled from here; kept as text.")
                    % {"value": original, "region": region},
                )
            )
        return [reading]

    greek = _GREEK_EXTENSION.match(text)
    if greek and (number := parse_phone(greek["main"], region)) is not None:
        return [_reading(greek["main"], number, region, extension=greek["ext"])]

    dashed = _DASH_TAIL.match(text)
    if dashed and (number := parse_phone(dashed["main"], region)) is not None:
        main, tail = dashed["main"].strip(), dashed["tail"]
        digits = re.sub(r"\D", "", main)
        sibling = digits[: -len(tail)] + tail if len(tail) <= 2 else ""
        if sibling and sibling != digits and (other := parse_phone(sibling, region)) is not None:
            # "2108020938-39": two consecutive lines of one switchboard.
            return [_reading(main, number, region), _reading(sibling, other, region)]
        notes.append(
            (
                "phone-extension",
                _("'%(value)s' was read as %(number)s, extension %(extension)s; check it.")
                % {"value": original, "number": main, "extension": tail},
            )
        )
        return [_reading(main, number, region, extension=tail)]

    found = list(phonenumbers.PhoneNumberMatcher(text, region, leniency=phonenumbers.Leniency.VALID))
    rest = text
    for match in found:
        rest = rest.replace(match.raw_string, " ")
    if found and not re.search(r"\d", rest):
        # "Τηλ.: 210 8020938" or two numbers with only spaces between them.
        return [_reading(match.raw_string, match.number, region) for match in found]

    notes.append(
        (
            "phone-not-diallable",
            _("'%(value)s' cannot be dialled; it was kept as text for a person to fix.") % {"value": original},
        )
    )
    if len(original) > NUMBER_LENGTH:
        notes.append(("text-truncated", _("It was cut to %(length)s characters.") % {"length": NUMBER_LENGTH}))
    return [PhoneReading(number=original[:NUMBER_LENGTH], diallable=False)]


# Digits with their usual punctuation, optionally followed by an extension libphonenumber reads.
_PHONE_LIKE_OR_EXT = re.compile(r"^\+?[\d\s().\-/]+(?:\s*(?:ext\.?|x|extension|#)\s*\d+)?$", re.IGNORECASE)
