"""A NUL byte (which PostgreSQL cannot store or compare) anywhere in an address gets the 400 page."""

import pytest

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "url",
    [
        "/search/?q=%00",
        "/search/?q=care&page=%00",
        "/news/?programme=%00",
        "/%00/",
        "/about%00/",
        "/?%00=1",
        "/get-involved/patient-reference-groups/digital/?ref=%00",
    ],
)
def test_nul_bytes_give_the_bad_request_page(client, group, url):
    response = client.get(url)
    assert response.status_code == 400
    html = response.content.decode()
    assert "nhsuk-header" in html  # the NHS-styled error page, not a bare error
    assert "Content-Security-Policy" in response.headers
