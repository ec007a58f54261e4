from get_involved.management.person_command import PersonCommand
from get_involved.models import DataProtectionLog
from get_involved.personal_data import delete_and_log


class Command(PersonCommand):
    help = "Delete every sign-up (and equality answers) stored for an email address or phone number."

    def handle(self, *args, **options):
        sign_ups = self.sign_ups(options)
        if options["dry_run"]:
            self.stdout.write(self.describe(sign_ups) + "\nNothing was deleted (--dry-run).")
            return
        count = delete_and_log(sign_ups, DataProtectionLog.Action.ERASE)
        self.stdout.write(f"Deleted {count} sign-up(s).")
