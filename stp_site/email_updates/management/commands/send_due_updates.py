"""Queue the "new consultation" updates whose consultations have opened since they were published. Run it
every few minutes (docs/deploy.md), beside the mail worker."""

from django.core.management.base import BaseCommand

from stp_site.email_updates.updates import send_due


class Command(BaseCommand):
    help = "Queue the email updates of consultations that have opened."

    def handle(self, *args, **options):
        count = send_due()
        self.stdout.write(f"{count} update(s) queued")
