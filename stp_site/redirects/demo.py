"""Demo redirects: each partnership's old website addresses, from its redirects.csv, for its own site.
Runs last, so the pages they point at exist."""

from .importer import import_redirects


def load(stdout, partnership):
    csv_path = partnership.directory / "redirects.csv"
    if partnership.site is None or not csv_path.exists():
        return
    created = import_redirects(csv_path, site=partnership.site)
    if created:
        stdout.write(f"Added {created} redirects from {partnership.site_name}'s old website.")
