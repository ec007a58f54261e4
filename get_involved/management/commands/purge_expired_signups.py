from django.core.management.base import BaseCommand

from get_involved.models import DataProtectionLog
from get_involved.personal_data import delete_and_log, expired_sign_ups


class Command(BaseCommand):
    help = "Delete sign-ups past their retention period. Run daily (see docs/data-protection.md)."

    def handle(self, *args, **options):
        count = delete_and_log(expired_sign_ups(), DataProtectionLog.Action.PURGE)
        self.stdout.write(f"Deleted {count} expired sign-up(s).")
