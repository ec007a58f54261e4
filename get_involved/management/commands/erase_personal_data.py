from get_involved.management.person_command import PersonCommand
from get_involved.personal_data import erase


class Command(PersonCommand):
    help = (
        "Delete every sign-up (and equality answers) and every question to a meeting stored for an email "
        "address or phone number. A deleted question's published answer goes from the meeting's page too."
    )

    def handle(self, *args, **options):
        sign_ups, questions = self.sign_ups(options), self.questions(options)
        if options["dry_run"]:
            self.stdout.write(self.describe(sign_ups, questions) + "\nNothing was deleted (--dry-run).")
            return
        count, asked = erase(sign_ups, questions)
        self.stdout.write(f"Deleted {count} sign-up(s) and {asked} question(s).")
