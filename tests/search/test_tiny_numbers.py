"""Tiny numbers in the search's coordinates and radius (issue 13): 5e-324 underflowed in
PostgreSQL's distance functions, a 500 on the API and the page; now a radius that rounds
to nothing is the usual 400 message, and a tiny coordinate is read as 0."""

import pytest

pytestmark = pytest.mark.django_db

TINY = ["5e-324", "1e-310", "-5e-324", "1e-20"]


@pytest.mark.parametrize("tiny", TINY)
def test_the_api_refuses_a_tiny_radius_with_the_usual_message(client, indexed, tiny):
    response = client.get("/api/search", {"near": "38.0,23.7", "radius_km": tiny, "lang": "en"})
    assert response.status_code == 400
    assert [e["parameter"] for e in response.json()["errors"]] == ["radius_km"]
    assert "above 0" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize("near", ["5e-324,0", "0,5e-324", "1e-310,-1e-310", "38.0,5e-324"])
def test_the_api_reads_a_tiny_coordinate_as_zero(client, indexed, near):
    response = client.get("/api/search", {"near": near, "radius_km": "50"})
    assert response.status_code == 200
    assert isinstance(response.json()["results"], list)


@pytest.mark.parametrize(
    "params",
    [{"near": "38.0,23.7", "radius_km": "5e-324"}, {"near": "5e-324,0"}, {"near": "5e-324,5e-324", "radius_km": "1"}],
)
def test_the_page_answers_tiny_numbers(client, indexed, params):
    response = client.get("/el/search/", params)
    assert response.status_code == 200
