"""Registers due for review: a register must be brought up to date at least every so many days (a setting
for each site, GovernanceSettings.register_review_days), counted from its "last updated" date. The
"Pages due for review" report lists it from 30 days before that (wagtail_hooks.py adds it there)."""

import datetime

from django.utils import dateformat

from .models import GovernanceSettings
from .registers import REGISTER_PAGE_MODELS


def registers_due_for_review(cutoff):
    """(page pk, due date, why) for every register due for review on or before `cutoff`."""
    due = []
    for model in REGISTER_PAGE_MODELS:
        for pk, path, last_updated in model.objects.values_list("pk", "path", "last_updated"):
            days = GovernanceSettings.for_site_root(path[: model.steplen * 2]).register_review_days
            if last_updated is None:  # never stored: saving a register fills it in
                continue
            due_on = last_updated + datetime.timedelta(days=days)
            if due_on <= cutoff:
                due.append((pk, due_on, f"Register last updated {dateformat.format(last_updated, 'j F Y')}"))
    return due
