"""The mail tasks, on the "mail" task backend: PostgreSQL rows the worker (`manage.py db_worker --backend
mail`) sends, never the request that asked for them (docs/deploy.md). Arguments are row ids only."""

from django_tasks import task

from . import updates


@task(backend="mail")
def send_confirmation(subscriber_id):
    """The confirmation request (or, to an address already confirmed, the "you already get them" email)."""
    return updates.send_confirmation(subscriber_id)


@task(backend="mail")
def send_update(page_id):
    """A news item or a consultation that opened, to every confirmed subscriber who asked for it, once."""
    return updates.send_update(page_id)
