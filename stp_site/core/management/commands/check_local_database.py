from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.exceptions import InconsistentMigrationHistory
from django.db.migrations.loader import MigrationLoader

OLD_DATABASE_MESSAGE = (
    "This database was made by an older version of the site, before its apps were reorganised. "
    "Run `make clean` to remove it, then `make run` again."
)


class Command(BaseCommand):
    help = (
        "Stop early, with a plain-English message, when the database was made by an older layout of the "
        "site (it records migrations that are no longer on disk). For `make run`, before `migrate`."
    )
    requires_system_checks = []  # `migrate` runs them next; this only reads django_migrations

    def handle(self, *args, **options):
        connection = connections[DEFAULT_DB_ALIAS]
        with connection.cursor() as cursor:
            tables = connection.introspection.table_names(cursor)
        if "django_migrations" not in tables:
            return  # a fresh database: `migrate` makes everything
        loader = MigrationLoader(connection, ignore_no_migrations=True)
        # Rows of migrations that a squashed migration on disk replaces are still known.
        known = set(loader.disk_migrations)
        for migration in loader.disk_migrations.values():
            known.update(migration.replaces)
        unknown = sorted(set(loader.applied_migrations) - known)
        if unknown:
            listed = ", ".join(f"{app}.{name}" for app, name in unknown[:5])
            more = f" and {len(unknown) - 5} more" if len(unknown) > 5 else ""
            raise CommandError(
                f"{OLD_DATABASE_MESSAGE}\n(It records migrations this version does not have: {listed}{more}.)"
            )
        try:
            loader.check_consistent_history(connection)
        except InconsistentMigrationHistory as error:
            raise CommandError(f"{OLD_DATABASE_MESSAGE}\n({error})") from error
