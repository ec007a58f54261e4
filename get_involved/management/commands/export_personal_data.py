import json

from get_involved.management.person_command import PersonCommand
from get_involved.models import DataProtectionLog


class Command(PersonCommand):
    help = "Print, as JSON, every sign-up stored for an email address or phone number (subject access request)."

    def handle(self, *args, **options):
        records = [sign_up.as_export() for sign_up in self.sign_ups(options)]
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.EXPORT, count=len(records))
        self.stdout.write(json.dumps({"sign_ups": records}, indent=2, ensure_ascii=False))
