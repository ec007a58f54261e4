"""Importing permanent redirects from the old website's addresses, from a CSV of `from,to` paths."""

import csv

from wagtail.contrib.redirects.models import Redirect

from stp_site.core.demo import page_by_path


def import_redirects(csv_path, site=None):
    """Permanent redirects from a CSV of `from,to` paths; rows whose old path is already redirected are
    skipped. A target that is a page of this site points at the page (so it follows the page if it
    moves); any other target is kept as a path or URL. Returns how many were created."""
    created = 0
    with open(csv_path, newline="", encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            old_path = Redirect.normalise_path((row.get("from") or "").strip())
            target = (row.get("to") or "").strip()
            if not old_path or old_path == "/" or not target:
                continue
            if Redirect.objects.filter(old_path=old_path, site=site).exists():
                continue
            page = page_by_path(target) if target.startswith("/") else None
            Redirect.add_redirect(old_path, redirect_to=page or target, is_permanent=True, site=site)
            created += 1
    return created
