"""Site search: /search/?q=

Searches every live, public page of every type (anything built on BasePage), with the Wagtail
database backend: PostgreSQL full text in production and tests, SQLite in development. Staff can
put chosen pages first for a query with "Promoted search results" in the admin
(wagtail.contrib.search_promotions).

A search that finds nothing is tried again with misspelt words corrected (suggestions.py). On
PostgreSQL, ranking.py keeps matching and ranking fast with many pages, and specific.py reads a page of
results in one query whatever their page types.

Bad input is expected: the query is cleaned (control characters removed, spaces collapsed) and cut
to MAX_QUERY_LENGTH characters before it reaches the database, and the page says when it was cut.
"""

import logging
import unicodedata
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db import DatabaseError, transaction
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.views.decorators.http import require_GET

from wagtail.contrib.search_promotions.models import Query
from wagtail.models import Page, Site
from wagtail.search.utils import normalise_query_string

from stp_site.core.page_urls import local_url
from stp_site.glossary.models import glossary_page_url

from . import ranking, suggestions
from .specific import specific_pages

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10


def clean_query(raw):
    """The query as typed, made safe to search for: returns (query, was_cut)."""
    # Drop control characters (NUL among them: PostgreSQL refuses it) and collapse runs of spaces.
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in raw)
    # Repeating a word does not change what is found, but each repeat costs the database time.
    text = " ".join(dict.fromkeys(text.split()))
    if len(text) > MAX_QUERY_LENGTH:
        return text[:MAX_QUERY_LENGTH].rstrip(), True
    return text, False


def promoted_results(query, site_root_path):
    """Staff-chosen results for this exact query, in their order: live, public pages of this site (a
    promotion of another partnership's page shows on that site only), or external links."""
    # Read only: Query.get() would create a row for every new search, so anyone could fill the table.
    promotions = (
        Query.objects.filter(query_string=normalise_query_string(query))
        .values_list(
            "editors_picks__page_id",
            "editors_picks__external_link_url",
            "editors_picks__external_link_text",
            "editors_picks__description",
        )
        .order_by("editors_picks__sort_order")
    )
    promotions = [row for row in promotions if row[0] or row[1]]
    if not promotions:
        return []
    page_ids = [row[0] for row in promotions if row[0]]
    pages = {
        page.pk: page
        for page in specific_pages(
            Page.objects.filter(pk__in=page_ids, path__startswith=site_root_path).live().public()
        )
    }
    results = []
    for page_id, url, link_text, description in promotions:
        if page_id:
            page = pages.get(page_id)
            if page is None:
                continue
            results.append(result_for(page, promoted=True, description=description))
        else:
            results.append({"title": link_text or url, "url": url, "summary": description, "promoted": True})
    return results


def result_for(page, promoted=False, description=""):
    # Pages built on BasePage say which date to show (news shows its own date); others their last update.
    date_label, date = getattr(page, "search_result_date", ("Updated", page.last_published_at))
    return {
        "title": page.title,
        "url": local_url(page),
        "type": page.specific_class._meta.verbose_name if page.specific_class else "page",
        "summary": description or getattr(page, "listing_summary", "") or page.search_description,
        "date_label": date_label,
        "date": date,
        "promoted": promoted,
        "page_id": page.pk,
    }


def find(query, site_root_path, page_number):
    """What the results page shows for `query` on one site: promoted results first (on page 1), then
    this partnership's pages, best first, one page of them."""
    promoted = promoted_results(query, site_root_path)
    promoted_ids = {item["page_id"] for item in promoted if item.get("page_id")}
    # This partnership's pages only (search would otherwise find every site's).
    pages = Page.objects.filter(path__startswith=site_root_path).live().public().exclude(pk__in=promoted_ids)
    paginator = Paginator(ranking.search(pages, query), RESULTS_PER_PAGE)
    page_obj = paginator.get_page(page_number)
    return {
        "promoted_results": promoted if page_obj.number == 1 else [],
        "results": [result_for(page) for page in specific_pages(page_obj.object_list)],
        "page_obj": page_obj,
        "result_count": paginator.count + len(promoted_ids),
    }


@require_GET
def search(request):
    raw_query = request.GET.get("q", "")
    query, was_cut = clean_query(raw_query)
    site = Site.find_for_request(request)
    site_root_path = site.root_page.path if site else "-"  # no site: nothing matches
    context = {
        "search_query": query,
        "query_was_cut": was_cut,
        "max_query_length": MAX_QUERY_LENGTH,
        "glossary_url": glossary_page_url(site),
    }

    if query:
        try:
            with transaction.atomic():
                found = find(query, site_root_path, request.GET.get("page"))
                if not found["result_count"]:
                    # Nothing found: try the query with misspelt words corrected ("maternaty").
                    corrected = suggestions.suggest(query, site_root_path)
                    if corrected:
                        found_corrected = find(corrected, site_root_path, request.GET.get("page"))
                        if found_corrected["result_count"]:
                            found = {**found_corrected, "corrected_query": corrected}
        except DatabaseError:
            # The backend could not run this query (the database may be down). Say so, never "no
            # results", and never let a cache keep it; leave a note without the query itself.
            logger.warning("Search query failed in the search backend")
            found = {"promoted_results": [], "results": [], "page_obj": None, "result_count": 0}
            context["search_failed"] = True
        context.update(found)
        page_obj = found["page_obj"]
        if page_obj is not None:
            context.update(
                page_numbers=list(
                    page_obj.paginator.get_elided_page_range(page_obj.number, on_each_side=1, on_ends=1)
                ),
                pagination_query=urlencode({"q": found.get("corrected_query", query)}) + "&",
            )

    response = render(request, "search/search.html", context, status=503 if context.get("search_failed") else 200)
    if context.get("search_failed"):
        add_never_cache_headers(response)
    # Results pages are not for search engines (robots.txt says so too).
    response["X-Robots-Tag"] = "noindex"
    return response
