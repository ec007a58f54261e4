"""The notice at the top of a closed exercise's editor: it closed, and its outcome ("You said, we did")
is not published yet, with a link to add it."""

from django.urls import reverse

from wagtail.admin.panels import Panel


class OutcomeNeededPanel(Panel):
    class BoundPanel(Panel.BoundPanel):
        template_name = "consultations/admin/outcome_needed_panel.html"

        def is_shown(self):
            page = self.instance
            return bool(page.pk and page.closes_on and page.status_on() == "closed")

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = self.instance
            context["closed_on"] = page.closes_on
            context["add_url"] = reverse("wagtailadmin_pages:add", args=["consultations", "outcomepage", page.pk])
            context["response_count"] = page.responses.count()
            return context
