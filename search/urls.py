"""Routes of search. portal/urls.py mounts `api_urlpatterns` at the root and
`page_urlpatterns` inside i18n_patterns (before Wagtail's catch-all)."""

from django.urls import path, re_path

from search import views

api_urlpatterns = [
    # Both with and without the trailing slash: the API is documented without it.
    re_path(r"^api/search/?$", views.api_search, name="search_api"),
    re_path(r"^api/search/suggest/?$", views.api_suggest, name="search_suggest"),
]

page_urlpatterns = [
    path("search/", views.search_page, name="search"),
]
