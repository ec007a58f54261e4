"""Demo content for get involved: the page, the reference groups and the referral partners."""

from stp_site.core.demo import common_fields, ensure_child, ensure_section, stream

from .models import GetInvolvedPage, ReferenceGroupIndexPage, ReferenceGroupPage, ReferralPartner


def load(stdout, partnership):
    data = partnership.fixture("get_involved.json")
    home = partnership.home
    if home is None or data is None:
        return

    for partner in data["referral_partners"]:
        ReferralPartner.objects.get_or_create(code=partner["code"], defaults={"name": partner["name"]})

    page_data = data["page"]
    get_involved, _ = ensure_section(home, GetInvolvedPage, page_data, show_in_menus=True)
    index, _ = ensure_section(get_involved, ReferenceGroupIndexPage, data["groups_index"])
    # The body links to the groups index, so it is written once that page exists.
    if not get_involved.body:
        get_involved.body = stream(page_data["body"], partnership.site)
        get_involved.save_revision().publish()

    created = 0
    for group in data["groups"]:
        programme = partnership.page(f"/our-work/{group['programme']}/") if group.get("programme") else None
        _, was_created = ensure_child(
            index,
            ReferenceGroupPage,
            group["slug"],
            programme=programme.specific if programme else None,
            what_it_does=group["what_it_does"],
            meeting_frequency=group.get("meeting_frequency", ""),
            meeting_place=group.get("meeting_place", ""),
            support_offered=group.get("support_offered", ""),
            how_to_join_offline=group.get("how_to_join_offline", ""),
            coordinator_emails=data.get("coordinator_emails", ""),
            **common_fields(group),
        )
        created += was_created
    if created:
        stdout.write(f"Created {created} patient reference groups.")
