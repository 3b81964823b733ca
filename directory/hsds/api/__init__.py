"""The Open Referral HSDS 3.0 API at /api/hsds/ (issue 10; README "HSDS API").

- `params`: the query parameters, checked (a bad one is a JSON 400 naming it);
- `queries`: which records a request asks for (querysets; search through the search service);
- `terms`: the profile's taxonomies and their terms across their tables;
- `serializers`: HSDS objects through the exporter's per-object functions (redaction in one place);
- `paging`: the HSDS page envelope;
- `openapi`: the OpenAPI document, built from the specification's files, our profile and extensions;
- `views` and `urls`: thin endpoints; read-only, CORS-open, ETag/Last-Modified.
"""
