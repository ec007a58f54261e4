from get_involved.management.person_command import PersonCommand
from get_involved.models import DataProtectionLog
from get_involved.personal_data import delete_and_log


class Command(PersonCommand):
    help = "Delete every sign-up (and equality answers) stored for an email address or phone number."

    def handle(self, *args, **options):
        count = delete_and_log(self.sign_ups(options), DataProtectionLog.Action.ERASE)
        self.stdout.write(f"Deleted {count} sign-up(s).")
