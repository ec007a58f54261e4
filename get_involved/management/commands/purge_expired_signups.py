from django.core.management.base import BaseCommand

from get_involved.models import DataProtectionLog
from get_involved.personal_data import delete_and_log, expired_sign_ups, purge_questions
from stp_site.page_feedback.retention import purge_old_comments


class Command(BaseCommand):
    help = (
        "Delete sign-ups past their retention period, the askers' details of questions to meetings past "
        "theirs, and page feedback comments past theirs. Run daily (see docs/data-protection.md)."
    )

    def handle(self, *args, **options):
        count = delete_and_log(expired_sign_ups(), DataProtectionLog.Action.PURGE)
        questions = purge_questions()
        comments = purge_old_comments()
        self.stdout.write(
            f"Deleted {count} expired sign-up(s), the details of {questions} question(s) "
            f"and {comments} page feedback comment(s)."
        )
