import json

from get_involved.management.person_command import PersonCommand
from get_involved.models import DataProtectionLog


class Command(PersonCommand):
    help = (
        "Print, as JSON, every sign-up and every question to a meeting stored for an email address or phone "
        "number (subject access request)."
    )

    def handle(self, *args, **options):
        sign_ups, questions = self.sign_ups(options), self.questions(options)
        if options["dry_run"]:
            self.stdout.write(self.describe(sign_ups, questions) + "\nNothing was exported (--dry-run).")
            return
        records = {
            "sign_ups": [sign_up.as_export() for sign_up in sign_ups],
            "questions": [question.as_export() for question in questions],
        }
        count = len(records["sign_ups"]) + len(records["questions"])
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.EXPORT, count=count)
        self.stdout.write(json.dumps(records, indent=2, ensure_ascii=False))
