from django.core.management.base import BaseCommand

from get_involved.resident_records import all_kinds


class Command(BaseCommand):
    help = (
        "Delete, or strip of personal details, every record residents sent that is past its retention "
        "period: sign-ups, questions to meetings, page feedback comments and every other kind "
        "(get_involved/resident_records.py). Run daily (see docs/data-protection.md)."
    )

    def handle(self, *args, **options):
        counts = [f"{kind.purge_expired(None)} {kind.label}" for kind in all_kinds()]
        self.stdout.write(
            "Past their retention period, deleted or stripped of personal details: " + ", ".join(counts) + "."
        )
