"""Template tags of the bottom layer, usable by every app's templates."""

from django import template
from django.template.backends.utils import csrf_input

from core.csrf import token_required

register = template.Library()


@register.simple_tag(takes_context=True)
def csrf_token_if_required(context):
    """Django's hidden CSRF field, only for a visitor with a session (see core/csrf.py)."""
    request = context.get("request")
    if request is None or not token_required(request):
        return ""
    return csrf_input(request)
