"""Routes of the HSDS 3.0 API; portal/urls.py mounts them at /api/hsds/.

Paths are those of the specification's OpenAPI document (no trailing slash), and the
same with one, since clients write both."""

from django.urls import path, re_path

from directory.hsds.api import views

urlpatterns = [
    path("", views.api_root, name="hsds_api_root"),
    path("openapi.json", views.openapi_document, name="hsds_api_openapi"),
    re_path(r"^services/?$", views.services, name="hsds_api_services"),
    re_path(r"^services/(?P<service_id>[^/]+)/?$", views.service_detail, name="hsds_api_service"),
    re_path(r"^organizations/?$", views.organizations, name="hsds_api_organizations"),
    re_path(r"^organizations/(?P<organization_id>[^/]+)/?$", views.organization_detail, name="hsds_api_organization"),
    re_path(r"^service_at_locations/?$", views.service_at_locations, name="hsds_api_service_at_locations"),
    re_path(
        r"^service_at_locations/(?P<sal_id>[^/]+)/?$",
        views.service_at_location_detail,
        name="hsds_api_service_at_location",
    ),
    re_path(r"^taxonomies/?$", views.taxonomies, name="hsds_api_taxonomies"),
    re_path(r"^taxonomies/(?P<taxonomy_id>[^/]+)/?$", views.taxonomy_detail, name="hsds_api_taxonomy"),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_terms, name="hsds_api_taxonomy_terms"),
    re_path(r"^taxonomy_terms/(?P<term_id>[^/]+)/?$", views.taxonomy_term_detail, name="hsds_api_taxonomy_term"),
    path("profile/", views.profile_index, name="hsds_api_profile"),
    re_path(r"^profile/schema/(?P<name>[a-z_]+)\.json$", views.profile_schema, name="hsds_api_profile_schema"),
    re_path(r"^profile/(?P<name>[a-z_]+)\.json$", views.profile_patch, name="hsds_api_profile_patch"),
]
