from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.module_loading import import_string

from stp_site.core.demo import partnerships, share


class Command(BaseCommand):
    help = (
        "Build the demo sites (one per partnership in fixtures/demo/partnerships.json) from fixtures/demo/. "
        "Creates only what is missing: running it again duplicates nothing and keeps any edits made in the admin."
    )

    def handle(self, *args, **options):
        with transaction.atomic():
            for partnership in partnerships():
                for dotted_path in settings.DEMO_CONTENT_LOADERS:
                    import_string(dotted_path)(self.stdout, partnership)
            share(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
