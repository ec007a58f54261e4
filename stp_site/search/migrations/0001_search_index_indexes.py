"""Two indexes on Wagtail's search index for PostgreSQL (docs/performance.md, "Search"): a GIN index on
`title || body`, the expression its search matches against (without it every search reads every
entry), and one on `object_id`, so ranking a few pages looks their entries up instead of reading
them all. PostgreSQL only: SQLite (`make run`) searches with its own full-text tables."""

from django.db import migrations

INDEXES = {
    "search_indexentry_title_body_gin": "USING gin ((title || body))",
    "search_indexentry_object_id": "(object_id)",
}


def create_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table
        for name, definition in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} {definition}")


def drop_indexes(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_indexes, drop_indexes)]
