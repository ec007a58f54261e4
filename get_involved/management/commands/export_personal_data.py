import json

from get_involved.management.person_command import PersonCommand
from get_involved.models import DataProtectionLog


class Command(PersonCommand):
    help = "Print, as JSON, every sign-up stored for an email address or phone number (subject access request)."

    def handle(self, *args, **options):
        sign_ups = self.sign_ups(options)
        if options["dry_run"]:
            self.stdout.write(self.describe(sign_ups) + "\nNothing was exported (--dry-run).")
            return
        records = [sign_up.as_export() for sign_up in sign_ups]
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.EXPORT, count=len(records))
        self.stdout.write(json.dumps({"sign_ups": records}, indent=2, ensure_ascii=False))
