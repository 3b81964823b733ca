"""Small helpers shared by tests."""

from django.utils.translation import gettext, override


def translated(msgid, language="el"):
    """An interface string as visitors of `language` see it (Greek by default).

    Tests compare against this rather than the English source, so they pass
    whether or not the catalogues are compiled and whatever their wording.
    """
    with override(language):
        return gettext(msgid)
