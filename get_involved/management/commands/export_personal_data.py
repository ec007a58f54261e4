import json

from django.core.management.base import BaseCommand, CommandError

from get_involved.models import DataProtectionLog
from get_involved.personal_data import sign_ups_for


class Command(BaseCommand):
    help = "Print, as JSON, every sign-up stored for an email address or phone number (subject access request)."

    def add_arguments(self, parser):
        parser.add_argument("--email", help="The person's email address.")
        parser.add_argument("--phone", help="The person's phone number, in any usual format.")

    def handle(self, *args, **options):
        if not (options["email"] or options["phone"]):
            raise CommandError("Give --email or --phone (or both).")
        records = [sign_up.as_export() for sign_up in sign_ups_for(options["email"], options["phone"])]
        DataProtectionLog.objects.create(action=DataProtectionLog.Action.EXPORT, count=len(records))
        self.stdout.write(json.dumps({"sign_ups": records}, indent=2, ensure_ascii=False))
