from django.core.management.base import BaseCommand, CommandError

from get_involved.personal_data import records_of


class PersonCommand(BaseCommand):
    """A data protection command about one person, found by their email address or phone number: their
    records of every kind residents send (sign-ups, questions to meetings and the kinds other apps add)."""

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

    def records(self, options):
        """{kind: queryset} of this person's records."""
        return records_of(*self.identifiers(options))

    def describe(self, found):
        """What the command would touch, without the personal details themselves."""
        lines = []
        for kind, records in found.items():
            described = [f"  {record.describe()}" for record in records]
            lines += [f"{len(described)} {kind.label} match:", *described]
        return "\n".join(lines)
