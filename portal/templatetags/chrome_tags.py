"""Template tags of the site chrome: the main menu, the helplines, the quick-exit button."""

from django import template
from django.conf import settings

from wagtail.models import Locale, Page

from core.cache import cached

register = template.Library()

# Where "leave this site quickly" goes: a neutral page that says nothing about us.
QUICK_EXIT_URL = "https://www.google.com/search?q=%CE%BA%CE%B1%CE%B9%CF%81%CF%8C%CF%82"


def _locale():
    try:
        return Locale.get_active()
    except Locale.DoesNotExist:
        return Locale.get_default()


@register.inclusion_tag("components/main_menu.html", takes_context=True)
def main_menu(context):
    """The menu links, with the one the current page belongs to marked (the deepest match)."""
    page = context.get("page")
    path = page.path if isinstance(page, Page) else ""
    links = context.get("main_menu") or ()
    matches = [i for i in links if path and i["path"] and not i["fragment"] and path.startswith(i["path"])]
    current = max(matches, key=lambda i: i["depth"], default=None)
    items = [{**item, "current": item is current} for item in links]
    return {"items": items}


@register.simple_tag
def helpline_list():
    """The helplines in the visitor's language (cached until an editor saves one)."""
    from portal.models import Helpline

    locale = _locale()
    return cached("helplines", locale, lambda: Helpline.for_locale(locale))


def _sensitive_codes():
    from directory.sensitivity import sensitive_codes

    return cached("sensitive_terms", None, sensitive_codes)


def needs_quick_exit(page, request):
    """True on pages about violence or abuse: a page an editor marked, a service (or an
    organisation with a service) in a sensitive category or group, and listings and
    searches filtered by one."""
    if getattr(page, "quick_exit", False):
        return True
    codes = None
    if request is not None:
        codes = _sensitive_codes()
        if codes["category"] & set(request.GET.getlist("category")) or codes["group"] & set(
            request.GET.getlist("group")
        ):
            return True
    if not isinstance(page, Page):
        return False
    from django.db.models import Q

    from directory.models import OrganisationPage, ServicePage

    codes = codes or _sensitive_codes()
    if not codes["category"] and not codes["group"]:
        return False
    sensitive = Q(categories__code__in=codes["category"]) | Q(target_groups__code__in=codes["group"])
    if isinstance(page, ServicePage):
        return ServicePage.objects.filter(pk=page.pk).filter(sensitive).exists()
    if isinstance(page, OrganisationPage):
        return ServicePage.objects.child_of(page).live().filter(sensitive).exists()
    return False


@register.inclusion_tag("components/quick_exit.html", takes_context=True)
def quick_exit(context):
    request = context.get("request")
    show = needs_quick_exit(context.get("page"), request)
    return {"show": show, "url": getattr(settings, "KOINONIA_QUICK_EXIT_URL", QUICK_EXIT_URL)}
