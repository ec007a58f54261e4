"""Two partnerships on one install, as production serves them: nginx with TLS in front of gunicorn, and
the file cache or Redis. Each host gets its own partnership's pages, and the whole-page cache never
gives one host the copy it made for the other."""

import re

import pytest

pytestmark = pytest.mark.smoke

SITES = [("127.0.0.1", "Together We&#x27;re Better"), ("localhost", "Shropshire, Telford and Wrekin")]


def header_name(html):
    return re.search(r'nhsuk-header__organisation-name">([^<]*)<', html).group(1)


def test_each_host_is_its_own_partnership_and_keeps_its_own_cached_copies(live):
    resident = live.client("127.0.0.61")
    for _ in range(2):  # the second round is served from the whole-page cache
        for host, name in SITES:
            headers = {"Host": f"{host}:{live.https_port}"}
            for path in ("/", "/our-vision/", "/news/"):
                response = resident.get(path, headers=headers)
                assert response.status == 200, (host, path)
                assert header_name(response.text) == name, (host, path)
    for host, _ in SITES:
        again = resident.get("/", headers={"Host": f"{host}:{live.https_port}"})
        assert again.headers.get("X-Page-Cache") == "hit"


def test_each_host_has_its_own_sitemap_and_robots_txt(live):
    resident = live.client("127.0.0.62")
    locations = {}
    for host, _ in SITES:
        headers = {"Host": f"{host}:{live.https_port}"}
        sitemap = resident.get("/sitemap.xml", headers=headers)
        assert sitemap.status == 200
        locations[host] = re.findall(r"<loc>([^<]+)</loc>", sitemap.text)
        assert locations[host] and all(re.match(rf"https?://{re.escape(host)}[:/]", url) for url in locations[host])
        robots = resident.get("/robots.txt", headers=headers).text
        assert f"Sitemap: https://{host}:{live.https_port}/sitemap.xml" in robots
    paths = {host: {re.sub(r"^https?://[^/]+", "", url) for url in urls} for host, urls in locations.items()}
    # The same addresses exist on both (/our-vision/, /news/ ...), but each site lists its own pages.
    assert "/our-vision/" in paths["127.0.0.1"] and "/our-vision/" in paths["localhost"]
    assert "/partners/stockport-nhs-foundation-trust/" in paths["127.0.0.1"]
    assert "/partners/stockport-nhs-foundation-trust/" not in paths["localhost"]
