"""Demo promoted search results: staff-chosen pages put first for a query. Runs after the loaders
that make those pages."""

from wagtail.contrib.search_promotions.models import Query, SearchPromotion

# Promoted search results: query -> path of the page to put first.
PROMOTIONS = {
    "111": ("/our-work/111-first/", "How to get urgent help with NHS 111, online or by phone."),
    "join": ("/get-involved/patient-reference-groups/", "Join a patient reference group and have your say."),
}


def load(stdout, partnership):
    """The promotions, for each partnership that has the page (search shows each site only its own)."""
    for query_string, (path, description) in PROMOTIONS.items():
        page = partnership.page(path)
        if page is None:
            continue  # that section is not built
        query, _ = Query.objects.get_or_create(query_string=query_string)
        if not SearchPromotion.objects.filter(query=query, page=page).exists():
            SearchPromotion.objects.create(query=query, page=page, description=description, sort_order=0)
