from django.core.management.base import BaseCommand, CommandError

from get_involved.models import DataProtectionLog
from get_involved.personal_data import delete_and_log, sign_ups_for


class Command(BaseCommand):
    help = "Delete every sign-up (and equality answers) stored for an email address or phone number."

    def add_arguments(self, parser):
        parser.add_argument("--email", help="The person's email address.")
        parser.add_argument("--phone", help="The person's phone number, in any usual format.")

    def handle(self, *args, **options):
        if not (options["email"] or options["phone"]):
            raise CommandError("Give --email or --phone (or both).")
        count = delete_and_log(sign_ups_for(options["email"], options["phone"]), DataProtectionLog.Action.ERASE)
        self.stdout.write(f"Deleted {count} sign-up(s).")
