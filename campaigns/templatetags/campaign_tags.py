"""Template helpers of campaign pages' blocks.

Videos: the embed is built from the address here, not fetched through oEmbed at render
time. oEmbed would make the server call YouTube on every cold render and hand us the
provider's own iframe (www.youtube.com, which sets cookies); we know the two providers
the team uses and write their privacy-enhanced players ourselves: YouTube's
youtube-nocookie.com and Vimeo with `dnt=1`. Both are the only frame sources the
public CSP allows (deploy/nginx/security-headers.conf). Any other address is shown as
a plain link.
"""

import re
from urllib.parse import parse_qs, urlparse

from django import template

register = template.Library()

YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "youtube-nocookie.com", "www.youtube-nocookie.com"}
YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")
VIMEO_HOSTS = {"vimeo.com", "www.vimeo.com", "player.vimeo.com"}


def embed_src(url):
    """The privacy-enhanced player address for a YouTube or Vimeo URL, else ""."""
    try:
        parts = urlparse((url or "").strip())
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https"):
        return ""
    host = (parts.hostname or "").lower()
    video_id = ""
    if host == "youtu.be":
        video_id = parts.path.strip("/").split("/")[0]
    elif host in YOUTUBE_HOSTS:
        if parts.path == "/watch":
            video_id = (parse_qs(parts.query).get("v") or [""])[0]
        else:
            match = re.match(r"^/(?:embed|shorts|live)/([^/?#]+)", parts.path)
            video_id = match.group(1) if match else ""
    if video_id:
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if YOUTUBE_ID.match(video_id) else ""
    if host in VIMEO_HOSTS:
        match = re.search(r"/(\d{5,12})(?:/|$)", parts.path)
        if match:
            return f"https://player.vimeo.com/video/{match.group(1)}?dnt=1"
    return ""


@register.simple_tag
def campaign_embed(value):
    """{"url": the address the editor gave, "iframe_src": the player to frame or ""}."""
    url = getattr(value, "url", value) or ""
    safe_url = url if urlparse(url).scheme in ("http", "https") else ""
    return {"url": safe_url, "iframe_src": embed_src(url)}


@register.simple_tag(takes_context=True)
def cta_url(context, value):
    """A call to action's target: the chosen page in the visitor's language, or the address."""
    from wagtail.models import Locale

    from directory.locale_fallback import url_in_locale

    page = value.get("page")
    if page is not None:
        return url_in_locale(page, Locale.get_active(), context.get("request")) or ""
    return value.get("url") or ""


@register.inclusion_tag("campaigns/components/home_news.html", takes_context=True)
def campaign_news(context):
    """The home page's "running now": live campaigns in the visitor's language."""
    from wagtail.models import Locale

    from campaigns.listing import home_news

    return {"request": context.get("request"), **home_news(Locale.get_active())}
