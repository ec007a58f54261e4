"""The pieces each app adds to the admin dashboard: a count in the summary at the top ("3 pages
waiting for your approval"), and a panel listing what is waiting, as links. Counts and titles only:
never a resident's personal data on the dashboard."""

from dataclasses import dataclass

from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.components import Component


@dataclass
class DashboardLink:
    text: str
    url: str
    detail: str = ""  # e.g. "due 3 January" or "4 new"


class CountSummaryItem(SummaryItem):
    """One line of the dashboard summary: an icon, then "<count> <noun>" as a link."""

    template_name = "core/admin/count_summary_item.html"

    def __init__(self, request, *, count, singular, plural, url, icon="doc-empty", order=500):
        super().__init__(request)
        self.count, self.singular, self.plural = count, singular, plural
        self.url, self.icon, self.order = url, icon, order

    def get_context_data(self, parent_context):
        noun = self.singular if self.count == 1 else self.plural
        return {"count": self.count, "noun": noun, "url": self.url, "icon": self.icon}


class LinkListPanel(Component):
    """A dashboard panel: a heading, a list of links (or a line saying there is nothing), and a link to all."""

    template_name = "core/admin/link_list_panel.html"

    def __init__(self, *, panel_id, heading, links, empty_text, all_url="", all_text="", order=150):
        self.panel_id, self.heading, self.links = panel_id, heading, links
        self.empty_text, self.all_url, self.all_text, self.order = empty_text, all_url, all_text, order

    def get_context_data(self, parent_context):
        return {
            "panel_id": self.panel_id,
            "heading": self.heading,
            "links": self.links,
            "empty_text": self.empty_text,
            "all_url": self.all_url,
            "all_text": self.all_text,
        }
