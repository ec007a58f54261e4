from django.core.management.base import BaseCommand, CommandError

from get_involved.personal_data import sign_ups_for


class PersonCommand(BaseCommand):
    """A data protection command about one person, found by their email address or phone number."""

    def add_arguments(self, parser):
        parser.add_argument("--email", help="The person's email address.")
        parser.add_argument("--phone", help="The person's phone number, in any usual format.")

    def sign_ups(self, options):
        """Every sign-up for the person. A blank identifier would match everyone without one: refused."""
        email, phone = (options["email"] or "").strip(), (options["phone"] or "").strip()
        if not (email or phone):
            raise CommandError("Give --email or --phone (or both).")
        return sign_ups_for(email, phone)
