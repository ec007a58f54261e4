from django.core.management.base import BaseCommand, CommandError

from get_involved.replay import replay_spooled


class Command(BaseCommand):
    help = (
        "Store in the database every record (sign-up, question and the rest) that waited in the spool while "
        "the database was down, exactly once. Run it every few minutes; it does nothing when the spool is empty."
    )

    def handle(self, *args, **options):
        stored, already, left = replay_spooled()
        self.stdout.write(f"Replayed the spool: {stored} stored, {already} already stored, {left} waiting.")
        if left:
            raise CommandError(f"{left} record(s) still wait in the spool: is the database up?")
