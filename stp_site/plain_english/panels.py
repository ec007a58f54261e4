"""The plain-English check in the page editor: a panel that shows the reading age, long sentences and
jargon of the page as last saved, and a page form that asks for a reason before publishing above the
reading age where the site setting enforces it."""

import copy

from django import forms
from django.forms.models import construct_instance

from wagtail.admin.forms.pages import WagtailAdminPageForm
from wagtail.admin.panels import Panel

from . import readability
from .models import ReadabilitySettings

REASON_FIELD = "readability_reason"


class ReadabilityPanel(Panel):
    """Read-only: the check's report for the page being edited (as saved, or as just submitted)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("heading", "Plain English check")
        super().__init__(**kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "plain_english/readability_panel.html"

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            page = getattr(self.form, "readability_page", None) or self.instance
            parent = getattr(self.form, "parent_page", None)
            settings = ReadabilitySettings.for_page(page, parent)
            limit = settings.enforced_limit_for(page=page, parent=parent)
            target = limit if limit is not None else settings.target_reading_age
            context.update(
                report=readability.check_page(page, target=target),
                enforced=limit is not None,
                reason_field=self.form[REASON_FIELD] if REASON_FIELD in self.form.fields else None,
            )
            return context


class PlainEnglishPageForm(WagtailAdminPageForm):
    """Where the plain-English check is enforced, publishing above the reading age needs a reason."""

    readability_reason = forms.CharField(
        required=False,
        max_length=500,
        label="Reason for publishing above the target reading age",
        help_text="Only needed where the plain-English check is enforced. It is kept in the page history.",
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean(self):
        cleaned_data = super().clean()
        # The page as it would be saved, for the check (a copy: the real instance is updated later).
        page = copy.copy(self.instance)
        try:
            construct_instance(self, page, fields=[name for name in self._meta.fields if name in cleaned_data])
        except (ValueError, TypeError):
            return cleaned_data
        self.readability_page = page
        if "action-publish" not in self.data:
            return cleaned_data
        limit = ReadabilitySettings.for_page(self.instance, self.parent_page).enforced_limit_for(
            page=self.instance, parent=self.parent_page
        )
        if limit is None:
            return cleaned_data
        report = readability.check_page(page, target=limit)
        self.readability_report = report
        if report.above_target and not cleaned_data.get(REASON_FIELD, "").strip():
            self.add_error(
                REASON_FIELD,
                f"This page has a reading age of {report.reading_age_display}, above {limit} for this section. "
                "Make the words simpler, or give a reason for publishing it as it is.",
            )
        return cleaned_data
