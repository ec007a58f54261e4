"""plan_merge: what a merge of B into A would do, worked out without changing anything."""

import pytest

from django.contrib.auth.models import Group, Permission

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import GroupPagePermission, Page, Revision, Site

from stp_site.core.models import SiteSettings
from stp_site.site_merge.plan import SECTION as KEEP_IN_SECTION
from stp_site.site_merge.plan import plan_merge

from .conftest import A_URL, B_URL, SECTION

pytestmark = pytest.mark.django_db


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "path", "url_path", "slug", "live")),
        "revisions": Revision.objects.count(),
        "redirects": sorted(Redirect.objects.values_list("site_id", "old_path", "redirect_page_id")),
        "sites": sorted(Site.objects.values_list("pk", "hostname", "root_page_id", "is_default_site")),
    }


def addresses(plan):
    return {plan.old_url(address): plan.new_url(address) for address in plan.addresses}


def test_the_plan_changes_nothing(sites):
    before = snapshot()
    plan = plan_merge(sites.b_site, sites.a_site)
    assert plan.runnable, plan.problems
    assert snapshot() == before


def test_sections_both_sites_have_are_merged_and_the_rest_goes_under_a_section(sites):
    plan = plan_merge(sites.b_site, sites.a_site)
    assert plan.section_path == SECTION
    assert addresses(plan) == {
        f"{B_URL}/": f"{A_URL}{SECTION}",
        f"{B_URL}/news/": f"{A_URL}/news/",
        f"{B_URL}/news/b-story/": f"{A_URL}/news/b-story/",
        f"{B_URL}/our-work/": f"{A_URL}/our-work/",
        f"{B_URL}/our-work/mental-health/": f"{A_URL}/our-work/mental-health-shropshire-telford-and-wrekin/",
        f"{B_URL}/our-work/maternity/": f"{A_URL}/our-work/maternity/",
        f"{B_URL}/our-vision/": f"{A_URL}{SECTION}our-vision/",
        f"{B_URL}/our-vision/history/": f"{A_URL}{SECTION}our-vision/history/",
        # A has no partners section: B's keeps its place in the section.
        f"{B_URL}/partners/": f"{A_URL}{SECTION}partners/",
        f"{B_URL}/partners/shropshire-council/": f"{A_URL}{SECTION}partners/shropshire-council/",
        # Shared content: B's alias of A's privacy notice leads to the original.
        f"{B_URL}/privacy/": f"{A_URL}/privacy/",
        f"{B_URL}/contact/": f"{A_URL}{SECTION}contact/",
        f"{B_URL}/glossary/": f"{A_URL}/glossary/",
    }
    assert [(move.page.slug, move.slug) for move in plan.renames] == [
        ("shropshire", "shropshire-telford-and-wrekin"),
        ("mental-health", "mental-health-shropshire-telford-and-wrekin"),
    ]
    assert {(removal.page.pk, removal.replacement.pk, removal.reason) for removal in plan.removals} == {
        (sites.b_news.pk, sites.a_news.pk, "merged"),
        (sites.b_work.pk, sites.a_work.pk, "merged"),
        (sites.b_privacy.pk, sites.a_privacy.pk, "alias"),
        (sites.b_glossary.pk, sites.a_glossary.pk, "merged"),
    }
    # Everything of B's but the removed pages: its home, vision, history, partners (2), contact, its two
    # programmes and its story.
    assert plan.pages_moving == 9


def test_bs_glossary_terms_and_accessibility_issues_follow_its_pages_unless_a_has_its_own(sites):
    plan = plan_merge(sites.b_site, sites.a_site)
    found = {records.name: records for records in plan.records}
    assert found["glossary terms"].moving == [sites.b_pcn] and found["glossary terms"].staying == [sites.b_ics]
    assert found["known accessibility issues"].moving == [sites.b_issue]
    assert any("glossary terms stay with its site record" in warning and "ICS" in warning for warning in plan.warnings)


def test_the_plan_says_bs_own_settings_no_longer_apply(sites):
    SiteSettings.for_site(sites.b_site)  # made, with its defaults, the first time it is read
    assert (
        "Shropshire, Telford and Wrekin's site settings stay with its site record and no longer apply: "
        "its pages follow Together We're Better's from now on."
    ) in plan_merge(sites.b_site, sites.a_site).warnings


def test_the_plan_warns_of_links_and_permissions_that_a_removed_page_takes_with_it(sites):
    group = Group.objects.create(name="Shropshire news editors")
    GroupPagePermission.objects.create(
        group=group, page=sites.b_news, permission=Permission.objects.get(codename="change_page")
    )
    contact = sites.b_contact
    contact.body = [("rich_text", f'<p>See <a linktype="page" id="{sites.b_news.pk}">our news</a>.</p>')]
    contact.save_revision().publish()
    warnings = plan_merge(sites.b_site, sites.a_site).warnings
    assert (
        "Links to “News”, which is removed, will lead nowhere: in Contact us. Link them to “News” instead." in warnings
    )
    assert (
        "The group “Shropshire news editors” has permission to edit in Shropshire, Telford and Wrekin's “News”, "
        "which is removed: those permissions go with it. If the group needs them, give it permissions on "
        "Together We're Better's “News” (Settings > Groups)."
    ) in warnings


def test_the_editor_can_keep_a_section_apart_or_merge_a_page_into_one_of_as(sites):
    plan = plan_merge(
        sites.b_site,
        sites.a_site,
        under="shropshire",
        mapping={"/news/": KEEP_IN_SECTION, "contact": "/privacy/"},
    )
    assert plan.runnable, plan.problems
    found = addresses(plan)
    assert found[f"{B_URL}/"] == f"{A_URL}/shropshire/"
    assert found[f"{B_URL}/news/b-story/"] == f"{A_URL}/shropshire/news/b-story/"
    assert found[f"{B_URL}/contact/"] == f"{A_URL}/privacy/"
    assert found[f"{B_URL}/our-work/mental-health/"] == f"{A_URL}/our-work/mental-health-shropshire/"


def test_merging_the_home_pages_puts_bs_pages_directly_under_as(sites):
    plan = plan_merge(sites.b_site, sites.a_site, mapping={"/": "/"})
    assert plan.runnable, plan.problems
    assert plan.section_path is None
    found = addresses(plan)
    assert found[f"{B_URL}/"] == f"{A_URL}/"
    assert found[f"{B_URL}/our-vision/history/"] == f"{A_URL}/our-vision/history/"
    assert found[f"{B_URL}/news/b-story/"] == f"{A_URL}/news/b-story/"
    assert found[f"{B_URL}/contact/"] == f"{A_URL}/contact/"


def test_a_page_that_may_not_go_where_it_is_mapped_is_a_problem(sites):
    plan = plan_merge(sites.b_site, sites.a_site, mapping={"/news/": "/our-work/"})
    assert not plan.runnable
    assert any("B story" in problem and "not allowed" in problem for problem in plan.problems), plan.problems


@pytest.mark.parametrize(
    ("kwargs", "problem"),
    [
        ({"under": "news"}, "already has a page at /news/"),
        ({"under": "search"}, "one of the website's own addresses"),
        ({"under": "Not A Slug"}, "cannot be a slug"),
        ({"mapping": {"/nowhere/": "/news/"}}, "has no page at /nowhere/"),
        ({"mapping": {"/news/": "/nowhere/"}}, "has no page at /nowhere/"),
        ({"mapping": {"/news/b-story/": "/news/"}}, "further down"),
    ],
)
def test_choices_that_cannot_work_are_problems(sites, kwargs, problem):
    plan = plan_merge(sites.b_site, sites.a_site, **kwargs)
    assert any(problem in text for text in plan.problems), plan.problems


def test_a_site_cannot_be_merged_into_itself(sites):
    assert plan_merge(sites.a_site, sites.a_site).problems == [
        "Choose two different sites: a site cannot be merged into itself."
    ]
