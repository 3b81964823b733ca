"""Greek phone numbers: recognise them and turn them into `tel:` links.

Greek numbers have ten digits (2x landlines, 69x mobiles); hotlines have 3-5
digits (1110, 15900, 197). Editors type them with spaces, dashes, dots and an
optional +30 / 0030 prefix.
"""

import re

_ALLOWED = re.compile(r"^[+\d][\d\s().\-/]*$")


def normalise_phone(number: str) -> str:
    """Digits of a Greek or international number, '+' kept; '' when it is not a number."""
    number = (number or "").strip()
    if not number or len(number) > 40 or not _ALLOWED.match(number):
        return ""
    plus = number.startswith("+")
    digits = re.sub(r"\D", "", number)
    if digits.startswith("00"):
        plus, digits = True, digits[2:]
    if plus:
        return "+" + digits if 8 <= len(digits) <= 15 else ""
    if len(digits) == 10 and digits[0] in "26":
        return "+30" + digits
    if 3 <= len(digits) <= 5 and digits[0] == "1":
        return digits
    return ""


def tel_uri(number: str) -> str:
    """RFC 3966 link for a phone number, or '' when the number is not dialable."""
    normalised = normalise_phone(number)
    return f"tel:{normalised}" if normalised else ""
