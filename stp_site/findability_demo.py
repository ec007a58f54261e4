"""Demo content for findability (issue 7): glossary terms, known accessibility issues, the old site's
redirects and the promoted search results. Runs after the other loaders, so the pages they make exist.
Like every loader, it only adds what is missing."""

import csv

from wagtail.contrib.redirects.models import Redirect
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from .demo import FIXTURES, page_by_path, read_fixture

# Promoted search results: query -> path of the page to put first.
PROMOTIONS = {
    "111": ("/our-work/111-first/", "How to get urgent help with NHS 111, online or by phone."),
    "join": ("/get-involved/patient-reference-groups/", "Join a patient reference group and have your say."),
}


def load(stdout):
    from .models import GlossaryTerm, KnownAccessibilityIssue

    for item in read_fixture("glossary.json"):
        GlossaryTerm.objects.get_or_create(term=item["term"], defaults={"meaning": item["meaning"]})

    if not KnownAccessibilityIssue.objects.exists():
        for order, item in enumerate(read_fixture("accessibility_issues.json")):
            KnownAccessibilityIssue.objects.create(sort_order=order, **item)

    created = import_redirects(FIXTURES / "redirects.csv")
    if created:
        stdout.write(f"Added {created} redirects from the old website.")

    for query_string, (path, description) in PROMOTIONS.items():
        page = page_by_path(path)
        if page is None:
            continue  # that section is not built yet
        query, _ = Query.objects.get_or_create(query_string=query_string)
        if not SearchPromotion.objects.filter(query=query, page=page).exists():
            SearchPromotion.objects.create(query=query, page=page, description=description, sort_order=0)


def import_redirects(csv_path, site=None):
    """Permanent redirects from a CSV of `from,to` paths; rows whose old path is already redirected are
    skipped. A target that is a page of this site points at the page (so it follows the page if it
    moves); any other target is kept as a path or URL. Returns how many were created."""
    created = 0
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            old_path = Redirect.normalise_path((row.get("from") or "").strip())
            target = (row.get("to") or "").strip()
            if not old_path or old_path == "/" or not target:
                continue
            if Redirect.objects.filter(old_path=old_path, site=site).exists():
                continue
            page = page_by_path(target) if target.startswith("/") else None
            Redirect.add_redirect(old_path, redirect_to=page or target, is_permanent=True, site=site)
            created += 1
    return created
