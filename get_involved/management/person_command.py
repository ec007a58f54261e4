from django.core.management.base import BaseCommand, CommandError

from get_involved.personal_data import sign_ups_for


class PersonCommand(BaseCommand):
    """A data protection command about one person, found by their email address or phone number."""

    def add_arguments(self, parser):
        parser.add_argument("--email", help="The person's email address.")
        parser.add_argument("--phone", help="The person's phone number, in any usual format.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Only say which sign-ups it would touch; change nothing."
        )

    def sign_ups(self, options):
        """Every sign-up for the person. A blank identifier would match everyone without one: refused."""
        email, phone = (options["email"] or "").strip(), (options["phone"] or "").strip()
        if not (email or phone):
            raise CommandError("Give --email or --phone (or both).")
        return sign_ups_for(email, phone)

    def describe(self, sign_ups):
        """What the command would touch, without the personal details themselves."""
        rows = [f"  sign-up {item.pk} to {item.group.title}, made {item.created_at:%d %B %Y}" for item in sign_ups]
        return "\n".join([f"{len(rows)} sign-up(s) match:", *rows])
