from get_involved.management.person_command import PersonCommand
from get_involved.personal_data import erase


class Command(PersonCommand):
    help = (
        "Delete every record stored for an email address or phone number: sign-ups (and equality answers), "
        "questions to meetings and every other kind residents send. A deleted question's published answer "
        "goes from the meeting's page too."
    )

    def handle(self, *args, **options):
        found = self.records(options)
        if options["dry_run"]:
            self.stdout.write(self.describe(found) + "\nNothing was deleted (--dry-run).")
            return
        counts = erase(found)
        self.stdout.write("Deleted " + ", ".join(f"{count} {kind.label}" for kind, count in counts.items()) + ".")
