"""Demo content for 'Our work': the programme index and every programme in fixtures/demo/programmes.json.

Runs after the partners loader, which makes the partner pages the programmes name. Like every loader it
creates only what is missing: a second run changes nothing and keeps staff edits.
"""

import re
from datetime import UTC, date, datetime, time

from stp_site.core.demo import common_fields, demo_document, ensure_child, ensure_section
from stp_site.partners.models import PartnerPage

from .models import ProgrammeIndexPage, ProgrammePage


def load(stdout, partnership):
    home = partnership.home
    data = partnership.fixture("programmes.json")
    if home is None or data is None:
        return
    index_data = data["index"]
    index, _ = ensure_section(home, ProgrammeIndexPage, index_data, show_in_menus=True)

    partners_index = partnership.page("/partners/")
    partners_by_slug = (
        {partner.slug: partner for partner in PartnerPage.objects.child_of(partners_index)} if partners_index else {}
    )

    created = 0
    for programme in sorted(data["programmes"], key=lambda item: item.get("order", 0)):
        if index.get_children().filter(slug=programme["slug"]).exists():
            continue  # never overwrite what staff have edited
        lead = programme.get("lead") or {}
        _, is_new = ensure_child(
            index,
            ProgrammePage,
            programme["slug"],
            summary=_html(programme.get("summary_body", "")),
            introduction=_html(programme.get("introduction", "")),
            priorities=_html(programme.get("priorities", "")),
            aims=[{"type": "aim", "value": _aim(aim)} for aim in programme.get("aims", [])],
            case_studies=[
                {"type": "case_study", "value": {"title": story["title"], "body": _html(story["body"])}}
                for story in programme.get("case_studies", [])
            ],
            resources=_documents(item for item in programme.get("resources", []) if not item.get("archived")),
            archive=_documents(item for item in programme.get("resources", []) if item.get("archived")),
            partners=[partners_by_slug[slug] for slug in programme.get("partners", []) if slug in partners_by_slug],
            lead_name=lead.get("name", ""),
            lead_role=lead.get("role", ""),
            lead_email=lead.get("email", ""),
            lead_phone=lead.get("phone", ""),
            **common_fields(programme),
        )
        created += is_new
    if created:
        stdout.write(f"Created {created} programme pages.")


EMAIL = re.compile(r"(?<![\w.@:/\"'>-])([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


def _html(text):
    """Fixture HTML as it belongs on a programme page: headings one level down (the page's own h2s
    come first) and every email address a plain mailto link."""
    for level in (3, 2):
        text = re.sub(rf"<(/?)h{level}>", rf"<\1h{level + 1}>", text)
    return EMAIL.sub(r'<a href="mailto:\1">\1</a>', text)


def _aim(aim):
    return {
        "aim": aim["aim"],
        "targets": [
            {
                "measure": target["measure"],
                "target_value": target["target_value"],
                "unit": target.get("unit", ""),
                "target_date": target.get("target_date") or None,
                "baseline": target.get("baseline", ""),
                "status": target.get("status") or "unknown",
            }
            for target in aim.get("targets", [])
        ],
    }


def _noon(day):
    """A fixture date ('2019-01-01') as an aware datetime, for the document's 'created' date."""
    return datetime.combine(date.fromisoformat(day), time(12), tzinfo=UTC) if day else None


def _documents(resources):
    documents = [demo_document(item["title"], item["filename"], _noon(item.get("date"))) for item in resources]
    return [{"type": "document", "value": {"document": document.pk, "title": ""}} for document in documents]
