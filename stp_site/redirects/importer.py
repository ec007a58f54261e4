"""Importing permanent redirects from the old website's addresses, from a CSV of `from,to` paths."""

import csv
from urllib.parse import urlsplit

from wagtail.contrib.redirects.models import Redirect

from stp_site.core.demo import page_by_path


def is_local_path(target):
    """A path on this site, such as /news/. Not //host/... (a browser reads that as another website)."""
    return target.startswith("/") and not target.startswith("//") and "\\" not in target


def is_valid_target(target):
    """A path on this site, or a full http(s) address of another website."""
    if is_local_path(target):
        return True
    parts = urlsplit(target)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and "\\" not in target


def import_redirects(csv_path, site=None, rejected=None):
    """Permanent redirects from a CSV of `from,to` paths; rows whose old path is already redirected are
    skipped. A target that is a page of this site points at the page (so it follows the page if it
    moves); any other target is kept as a path or a full http(s) address. A row whose target is
    neither is not imported: its line number and target are added to `rejected`, if given. Returns
    how many were created."""
    created = 0
    with open(csv_path, newline="", encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        for row in reader:
            old_path = Redirect.normalise_path((row.get("from") or "").strip())
            target = (row.get("to") or "").strip()
            if not old_path or old_path == "/" or not target:
                continue
            if not is_valid_target(target):
                if rejected is not None:
                    rejected.append((reader.line_num, target))
                continue
            if Redirect.objects.filter(old_path=old_path, site=site).exists():
                continue
            page = page_by_path(target, site) if target.startswith("/") else None
            Redirect.add_redirect(old_path, redirect_to=page or target, is_permanent=True, site=site)
            created += 1
    return created
