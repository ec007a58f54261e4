"""The involvement record: every engagement a partnership ran in a financial year (April to March, as its
annual report), with how many took part, through which route and which referral partner, and where its
outcome is. Built from Participation rows in a fixed number of queries, whatever the number of rows."""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Max, Min, Sum
from django.utils import timezone

from wagtail.models import Page

from .models import Kind, Participation, Route

FIRST_MONTH = 4  # the NHS's financial year starts in April


def financial_year_of(day):
    """The financial year a date falls in, named by the year it starts: 2026 for 1 April 2026 to 31 March 2027."""
    return day.year if day.month >= FIRST_MONTH else day.year - 1


def year_label(year):
    return f"April {year} to March {year + 1}"


def year_bounds(year):
    """The first moment of the year and of the next, in the site's time zone."""
    zone = timezone.get_current_timezone()
    return (
        datetime.datetime(year, FIRST_MONTH, 1, tzinfo=zone),
        datetime.datetime(year + 1, FIRST_MONTH, 1, tzinfo=zone),
    )


def years_on_record(today=None):
    """The financial years with any participation, newest first, and always the current one."""
    current = financial_year_of(today or timezone.localdate())
    first = Participation.objects.order_by("happened_at").values_list("happened_at", flat=True).first()
    oldest = financial_year_of(timezone.localtime(first).date()) if first else current
    return list(range(current, oldest - 1, -1))


@dataclass
class Engagement:
    site: str
    kind: str
    title: str
    page_id: int | None
    first_taken_part: datetime.date
    last_taken_part: datetime.date
    took_part: int = 0
    routes: dict = field(default_factory=lambda: defaultdict(int))
    referrals: dict = field(default_factory=lambda: defaultdict(int))
    url: str = ""
    outcome_title: str = ""
    outcome_url: str = ""

    def __getattr__(self, name):
        # "route_online", "route_phone"...: one column per route in the table and the CSV.
        if name.startswith("route_"):
            return self.routes.get(name.removeprefix("route_"), 0)
        raise AttributeError(name)

    @property
    def route_counts(self):
        """How many took part through each route, in ROUTE_COLUMNS' order."""
        return [self.routes.get(route.value, 0) for route in Route]

    @property
    def referral_partners(self):
        """ "Healthwatch Staffordshire: 12; Stoke-on-Trent Carers Hub: 3", the most first."""
        ranked = sorted(self.referrals.items(), key=lambda item: (-item[1], item[0]))
        return "; ".join(f"{name}: {people}" for name, people in ranked)


def outcome_of(page):
    """(title, url) of what came of an engagement: a consultation's published outcome page ("You said, we
    did"), or for anything else its own page, which carries its results (a meeting's answers)."""
    outcome = getattr(page, "published_outcome", None)
    if callable(outcome):
        outcome = outcome()
    if outcome is not None:
        return outcome.title, outcome.full_url or ""
    return "", ""


def engagements(year, sites):
    """The engagements on `sites` in financial year `year` that anyone took part in, by site, then kind,
    then the date people first took part."""
    start, end = year_bounds(year)
    rows = (
        Participation.objects.filter(site__in=sites, happened_at__gte=start, happened_at__lt=end)
        .values("site__site_name", "site__hostname", "kind", "page_id", "page_title", "route", "referral_partner")
        .annotate(people=Sum("people"), first=Min("happened_at"), last=Max("happened_at"))
        .order_by()
    )
    by_engagement = {}
    for row in rows:
        key = (row["site__site_name"] or row["site__hostname"], row["kind"], row["page_id"], row["page_title"])
        engagement = by_engagement.get(key)
        if engagement is None:
            engagement = by_engagement[key] = Engagement(
                site=key[0],
                kind=Kind(row["kind"]).label,
                title=row["page_title"],
                page_id=row["page_id"],
                first_taken_part=None,
                last_taken_part=None,
            )
        first, last = timezone.localtime(row["first"]).date(), timezone.localtime(row["last"]).date()
        engagement.first_taken_part = min(first, engagement.first_taken_part or first)
        engagement.last_taken_part = max(last, engagement.last_taken_part or last)
        engagement.took_part += row["people"]
        engagement.routes[row["route"]] += row["people"]
        if row["referral_partner"]:
            engagement.referrals[row["referral_partner"]] += row["people"]
    _add_pages(by_engagement.values())
    return sorted(by_engagement.values(), key=lambda item: (item.site, item.kind, item.first_taken_part, item.title))


def _add_pages(found):
    """Each engagement's page address and outcome (one query for the pages, one per outcome lookup type)."""
    pages = Page.objects.filter(pk__in=[item.page_id for item in found if item.page_id]).specific()
    by_id = {page.pk: page for page in pages}
    for item in found:
        page = by_id.get(item.page_id)
        if page is not None:
            item.url = page.full_url or ""
            item.outcome_title, item.outcome_url = outcome_of(page)


ROUTE_COLUMNS = [(f"route_{route.value}", route.label) for route in Route]
