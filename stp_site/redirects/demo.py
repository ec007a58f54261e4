"""Demo redirects: the old website's addresses, from fixtures/demo/redirects.csv. Runs last, so the
pages they point at exist."""

from stp_site.core.demo import FIXTURES

from .importer import import_redirects


def load(stdout):
    created = import_redirects(FIXTURES / "redirects.csv")
    if created:
        stdout.write(f"Added {created} redirects from the old website.")
