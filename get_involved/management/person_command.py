from django.core.management.base import BaseCommand, CommandError

from get_involved.personal_data import questions_for, sign_ups_for


class PersonCommand(BaseCommand):
    """A data protection command about one person, found by their email address or phone number: their
    sign-ups and their questions to meetings."""

    def add_arguments(self, parser):
        parser.add_argument("--email", help="The person's email address.")
        parser.add_argument("--phone", help="The person's phone number, in any usual format.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say which records it would touch; change nothing."
        )

    def identifiers(self, options):
        """The person's email and phone. A blank identifier would match everyone without one: refused."""
        email, phone = (options["email"] or "").strip(), (options["phone"] or "").strip()
        if not (email or phone):
            raise CommandError("Give --email or --phone (or both).")
        return email, phone

    def sign_ups(self, options):
        return sign_ups_for(*self.identifiers(options))

    def questions(self, options):
        return questions_for(*self.identifiers(options))

    def describe(self, sign_ups, questions):
        """What the command would touch, without the personal details themselves."""
        rows = [f"  sign-up {item.pk} to {item.group.title}, made {item.created_at:%d %B %Y}" for item in sign_ups]
        asked = [
            f"  question {item.pk} to {item.meeting.title}, sent {item.created_at:%d %B %Y}" for item in questions
        ]
        return "\n".join([f"{len(rows)} sign-up(s) match:", *rows, f"{len(asked)} question(s) match:", *asked])
