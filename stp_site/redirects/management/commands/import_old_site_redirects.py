from django.core.management.base import BaseCommand, CommandError

from stp_site.redirects.importer import import_redirects


class Command(BaseCommand):
    help = (
        "Import permanent redirects from a CSV with 'from' and 'to' columns, where 'to' may be a path on "
        "this site (/news/) or a full URL. Paths already redirected are skipped, so it is safe to run again."
    )

    def add_arguments(self, parser):
        parser.add_argument("csv_path", help="The CSV file, with a header row: from,to")

    def handle(self, csv_path, **options):
        rejected = []
        try:
            created = import_redirects(csv_path, rejected=rejected)
        except (OSError, KeyError, UnicodeDecodeError) as error:
            raise CommandError(f"Could not read {csv_path}: {error}") from error
        for line, target in rejected:
            self.stderr.write(
                f"Line {line} not imported: {target!r} is not a path on this site (/news/) or a full https:// address."
            )
        self.stdout.write(self.style.SUCCESS(f"Added {created} redirects."))
