"""Demo content for the glossary: the glossary page and its terms, from fixtures/demo/glossary.json."""

from stp_site.core.demo import REVIEW_DUE, REVIEWED, ensure_child, read_fixture, site_root

from .models import GlossaryPage, GlossaryTerm


def load(stdout):
    home = site_root()
    if home is None:
        stdout.write("No home page yet: skipping the glossary.")
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
    for item in read_fixture("glossary.json"):
        GlossaryTerm.objects.get_or_create(term=item["term"], defaults={"meaning": item["meaning"]})
