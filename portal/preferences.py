"""Display preferences (larger text, higher contrast) remembered across pages.

Kept in cookies and applied on the server as classes on <html>, so they work
without JavaScript and there is no flash of the default style on each page.
"""

TEXT_SIZES = ("normal", "large", "larger")
CONTRASTS = ("normal", "high")
COOKIE_TEXT = "koinonia_text"
COOKIE_CONTRAST = "koinonia_contrast"
ONE_YEAR = 365 * 24 * 3600


def from_request(request):
    text = request.COOKIES.get(COOKIE_TEXT, "normal")
    contrast = request.COOKIES.get(COOKIE_CONTRAST, "normal")
    return {
        "text_size": text if text in TEXT_SIZES else "normal",
        "contrast": contrast if contrast in CONTRASTS else "normal",
    }
