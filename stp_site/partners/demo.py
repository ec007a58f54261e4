"""Demo content for the partners: the partners page and one page per organisation. Runs before the
programmes, so programme pages can name the partners involved."""

from stp_site.core.demo import common_fields, ensure_child, ensure_section

from .models import PartnerIndexPage, PartnerPage


def load(stdout, partnership):
    """The partners page and one page per partner organisation, from the partnership's partners.json."""
    home = partnership.home
    data = partnership.fixture("partners.json")
    if home is None or data is None:
        return
    index_data = data["index"]
    index, _ = ensure_section(home, PartnerIndexPage, index_data, show_in_menus=True)
    created = 0
    for partner in data["partners"]:
        _, is_new = ensure_child(
            index,
            PartnerPage,
            partner["slug"],
            partner_type=partner["partner_type"],
            who_they_are=partner.get("who_they_are", ""),
            role_in_partnership=partner.get("role_in_partnership", ""),
            area_served=partner.get("area_served", ""),
            website=partner.get("website", ""),
            phone=partner.get("phone", ""),
            email=partner.get("email", ""),
            strategic_objectives=[("objective", text) for text in partner.get("strategic_objectives", [])],
            **common_fields(partner),
        )
        created += is_new
    if created:
        stdout.write(f"Created {created} partner pages.")
