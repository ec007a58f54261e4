"""manage.py merge_sites: prints the plan; --dry-run changes nothing; clear errors."""

from io import StringIO

import pytest

from django.core.management import CommandError, call_command

from wagtail.models import Page, Site

from stp_site.site_merge.models import SiteMerge

from .conftest import A_HOST, A_URL, B_HOST, B_URL, SECTION, get

pytestmark = pytest.mark.django_db


def merge_sites(*args):
    out = StringIO()
    call_command("merge_sites", *args, stdout=out)
    return out.getvalue()


def test_a_dry_run_prints_the_plan_and_changes_nothing(client, sites):
    paths = sorted(Page.objects.values_list("url_path", flat=True))
    output = merge_sites(B_HOST, A_HOST, "--dry-run")
    assert f"{B_URL}/news/b-story/ -> {A_URL}/news/b-story/" in output
    assert f"{B_URL}/ -> {A_URL}{SECTION}" in output
    assert "Mental health in Shropshire: mental-health becomes mental-health-shropshire-telford-and-wrekin" in output
    assert "Privacy notice: a copy (alias) of Together We're Better's Privacy notice" in output
    assert "News: merged into Together We're Better's News" in output
    assert "Dry run: nothing was changed." in output
    assert sorted(Page.objects.values_list("url_path", flat=True)) == paths
    assert not SiteMerge.objects.exists()
    assert client.get("/news/", HTTP_HOST=B_HOST).status_code == 200


def test_the_command_merges_with_the_editors_choices(client, sites):
    output = merge_sites(str(sites.b_site.pk), f"{A_HOST}:80", "--under", "shropshire", "--map", "/news/=section")
    # B's news stays in the section this time: 10 pages move (its news index too), 1 is renamed, 2 removed.
    assert "into Together We're Better: 10 pages moved, 1 renamed, 3 removed, 13 redirects made" in output
    assert SiteMerge.objects.get().source_id == sites.b_site.pk
    assert get(client, f"{B_URL}/news/b-story/")["Location"] == f"{A_URL}/shropshire/news/b-story/"
    assert get(client, f"{A_URL}/shropshire/news/b-story/").status_code == 200


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nowhere.example", A_HOST], "There is no site 'nowhere.example'"),
        ([B_HOST, "999"], "There is no site '999'"),
        ([A_HOST, A_HOST], "a site cannot be merged into itself"),
        ([B_HOST, A_HOST, "--map", "/news/"], "write it as SOURCE_PATH=TARGET_PATH"),
        ([B_HOST, A_HOST, "--map", "/news/=/nowhere/"], "Together We're Better has no page at /nowhere/"),
        ([B_HOST, A_HOST, "--under", "news"], "already has a page at /news/"),
    ],
)
def test_clear_errors(sites, args, message):
    with pytest.raises(CommandError, match=message):
        merge_sites(*args)
    assert not SiteMerge.objects.exists()


def test_a_merged_site_cannot_be_merged_again(sites):
    merge_sites(B_HOST, A_HOST)
    with pytest.raises(CommandError, match="has already been merged into Together We're Better"):
        merge_sites(B_HOST, A_HOST)
    assert Site.objects.filter(hostname=B_HOST).exists()
