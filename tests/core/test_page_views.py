"""Page models hand requests to views that registered themselves (core/page_views.py)."""

import pytest

from core.page_views import view_for
from directory.models import ServicePage
from directory.views import service_context

# A page instance reads its content type (cached after the first time, but not in a
# process where another test cleared that cache).
pytestmark = pytest.mark.django_db


def test_a_page_finds_the_view_its_app_registered():
    assert view_for(ServicePage(), "context") is service_context


def test_a_missing_view_is_a_clear_error_not_a_silent_none():
    with pytest.raises(LookupError, match="no-such-route"):
        view_for(ServicePage(), "no-such-route")
