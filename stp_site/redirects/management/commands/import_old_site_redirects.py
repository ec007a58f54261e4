from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Site

from stp_site.core.sites import default_site, find_site
from stp_site.redirects.importer import import_redirects


class Command(BaseCommand):
    help = (
        "Import permanent redirects from a CSV with 'from' and 'to' columns, where 'to' may be a path on "
        "the site (/news/) or a full URL. Paths already redirected are skipped, so it is safe to run again. "
        "The redirects belong to one partnership's site: --site (its host name), or the default site."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", help="The CSV file, with a header row: from,to")
        parser.add_argument(
            "--site", help="The partnership's site: its host name (or host name:port), e.g. www.example.nhs.uk"
        )

    def handle(self, csv_path, site=None, **options):
        found = find_site(site) if site else default_site()
        if site and found is None:
            names = ", ".join(Site.objects.order_by("hostname").values_list("hostname", flat=True))
            raise CommandError(f"No one site has the host name {site!r}. The sites are: {names}")
        rejected = []
        try:
            created = import_redirects(csv_path, site=found, rejected=rejected)
        except (OSError, KeyError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read {csv_path}: {error}") from error
        for line, target in rejected:
            self.stderr.write(
                f"Line {line} not imported: {target!r} is not a path on this site (/news/) or a full https:// address."
            )
        self.stdout.write(self.style.SUCCESS(f"Added {created} redirects."))
