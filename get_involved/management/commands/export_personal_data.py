import json

from get_involved.management.person_command import PersonCommand
from get_involved.models import DataProtectionLog


class Command(PersonCommand):
    help = (
        "Print, as JSON, every record stored for an email address or phone number: sign-ups, questions to "
        "meetings and every other kind residents send (subject access request)."
    )

    def handle(self, *args, **options):
        found = self.records(options)
        if options["dry_run"]:
            self.stdout.write(self.describe(found) + "\nNothing was exported (--dry-run).")
            return
        exported = {kind.export_key: [record.as_export() for record in records] for kind, records in found.items()}
        count = sum(len(rows) for rows in exported.values())
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.EXPORT, count=count)
        self.stdout.write(json.dumps(exported, indent=2, ensure_ascii=False))
