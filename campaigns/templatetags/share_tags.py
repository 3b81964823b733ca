"""Share cards and share links, for every public page.

`{% share_meta %}` (in base.html's head) writes OpenGraph and Twitter-card metadata
from the page's own fields, falling back to what every page has:

- title: `seo_title`, else `title`; views that are not pages get the network's name;
- description: `search_description`, else `summary`, `intro` or `description`
  (rich text reduced to plain text, at most 300 characters);
- image: a page that has something to show defines `share_image()` returning
  `(image, alt text)`; otherwise a `hero_image` with `hero_image_alt` is used. The
  image is a 1200x630 rendition (what Facebook, X, WhatsApp and Viber crop to), with
  its size and alt text. No image: a plain `summary` card;
- og:url: the page's canonical address (the Greek page for a Greek page shown in
  another language); og:locale the content's language and og:locale:alternate the
  languages it is translated into.

`{% share_links %}` writes plain links to e-mail, Facebook, X, WhatsApp and Viber and a
copy-link field: no third-party script, no cookie, no request to anyone until the
visitor follows a link. static/js/share.js only adds a "copy" button to the field.
"""

import html
from urllib.parse import quote, urlencode

from django import template
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from wagtail.models import Page

register = template.Library()

#: og:locale wants language_TERRITORY; Facebook knows Arabic as ar_AR.
OG_LOCALES = {"el": "el_GR", "en": "en_GB", "ar": "ar_AR", "uk": "uk_UA"}
SHARE_RENDITION = "fill-1200x630"
DESCRIPTION_LENGTH = 300
#: Page types shared as articles; everything else is a "website".
ARTICLE_FIELDS = ("summary",)


def og_locale(code):
    code = (code or "").split("-")[0]
    return OG_LOCALES.get(code, code)


def plain_text(value, length=DESCRIPTION_LENGTH):
    """Rich text or plain text as one line of plain text."""
    if value is None:
        return ""
    text = " ".join(html.unescape(strip_tags(str(value))).split())
    return Truncator(text).chars(length)


def share_description(page):
    for name in ("search_description", "summary", "intro", "description"):
        text = plain_text(getattr(page, name, ""))
        if text:
            return text
    return ""


def share_image(page):
    """(image, alt) or (None, "")."""
    chooser = getattr(page, "share_image", None)
    if callable(chooser):
        return chooser() or (None, "")
    image = getattr(page, "hero_image", None)
    if image is not None:
        return image, getattr(page, "hero_image_alt", "") or ""
    return None, ""


def _canonical_path(page, request):
    """The page's own address plus the route below it (a routable page's sub-page)."""
    from directory.locale_fallback import original_url

    own = original_url(page, request) or ""
    here = page.get_url(request) or ""
    suffix = request.path[len(here) :] if here and request.path.startswith(here) else ""
    return own + suffix


def _alternate_locales(page):
    codes = (
        Page.objects.filter(translation_key=page.translation_key)
        .live()
        .exclude(locale_id=page.locale_id)
        .order_by("locale__language_code")
        .values_list("locale__language_code", flat=True)
    )
    return [og_locale(code) for code in codes]


def share_data(context):
    request = context.get("request")
    page = context.get("page")
    site_text = context.get("site_text")
    site_name = getattr(site_text, "network_name", "") or "Κοινωνία"
    language = context.get("LANGUAGE_CODE") or getattr(request, "LANGUAGE_CODE", "") or "el"
    data = {
        "site_name": site_name,
        "title": site_name,
        "description": "",
        "type": "website",
        "locale": og_locale(language),
        "alternates": [],
        "url": request.build_absolute_uri(request.path) if request is not None else "",
        "image": None,
    }
    if not isinstance(page, Page) or request is None:
        return data
    content_language = getattr(page, "content_locale", "") or language
    data.update(
        title=page.seo_title or page.title,
        description=share_description(page),
        type="article" if any(hasattr(page, f) for f in ARTICLE_FIELDS) else "website",
        locale=og_locale(content_language),
        url=request.build_absolute_uri(_canonical_path(page, request)),
        alternates=_alternate_locales(page),
    )
    image, alt = share_image(page)
    if image is not None:
        rendition = image.get_rendition(SHARE_RENDITION)
        data["image"] = {
            "url": request.build_absolute_uri(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
            "type": rendition.file.name.rsplit(".", 1)[-1].lower().replace("jpg", "jpeg"),
        }
    return data


@register.inclusion_tag("components/share_meta.html", takes_context=True)
def share_meta(context):
    return {"share": share_data(context)}


def share_urls(url, title, text=""):
    """The share targets of one address, in the order they are shown."""
    message = f"{title}\n{url}"
    mail_body = f"{text}\n\n{url}" if text else url
    return [
        {
            "key": "email",
            "label": _("E-mail"),
            "name": _("Share by e-mail"),
            "href": "mailto:?" + urlencode({"subject": title, "body": mail_body}, quote_via=quote),
        },
        {
            "key": "facebook",
            "label": "Facebook",
            "name": _("Share on Facebook"),
            "href": "https://www.facebook.com/sharer/sharer.php?" + urlencode({"u": url}),
        },
        {
            "key": "x",
            "label": "X",
            "name": _("Share on X"),
            "href": "https://x.com/intent/tweet?" + urlencode({"text": title, "url": url}),
        },
        {
            "key": "whatsapp",
            "label": "WhatsApp",
            "name": _("Share on WhatsApp"),
            "href": "https://api.whatsapp.com/send?" + urlencode({"text": message}),
        },
        {
            "key": "viber",
            "label": "Viber",
            "name": _("Share on Viber"),
            "href": "viber://forward?" + urlencode({"text": message}, quote_via=quote),
        },
    ]


@register.inclusion_tag("components/share_links.html", takes_context=True)
def share_links(context, page=None):
    """Links to share the page the visitor is on, at the address they see it at."""
    request = context.get("request")
    page = page or context.get("page")
    url = request.build_absolute_uri(request.path) if request is not None else ""
    title = (getattr(page, "title", "") or "") if page is not None else ""
    text = share_description(page) if page is not None else ""
    return {"share_url": url, "targets": share_urls(url, title, text), "share_title": title}
