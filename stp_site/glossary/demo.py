"""Demo content for each partnership's glossary: the glossary page and its terms, from its glossary.json."""

from stp_site.core.demo import REVIEW_DUE, REVIEWED, ensure_child

from .models import GlossaryPage, GlossaryTerm


def load(stdout, partnership):
    home = partnership.home
    terms = partnership.fixture("glossary.json")
    if home is None or terms is None:
        return
    ensure_child(
        home,
        GlossaryPage,
        "glossary",
        title="Glossary: health and care words explained",
        seo_title="Glossary: health and care words explained",
        listing_summary="Some words and short forms on this website may be new to you. Here is what they mean.",
        search_description="What the health and care words and short forms on this website mean, in plain English.",
        last_reviewed=REVIEWED,
        next_review_due=REVIEW_DUE,
    )
    for item in terms:
        GlossaryTerm.objects.get_or_create(
            site=partnership.site, term=item["term"], defaults={"meaning": item["meaning"]}
        )
