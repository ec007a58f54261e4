"""Email updates' models. The records (records.py) import nothing of this app; the page (pages.py) sits
on top, above the views it routes to. Code below the views imports `.models.records`, never this package.

`new_key` is named here too: migration 0001 refers to it as `stp_site.email_updates.models.new_key`."""

from .records import (
    ALL_NEWS,
    CONSULTATIONS,
    EMAIL_MAX,
    PROGRAMME_PREFIX,
    DueUpdate,
    SentUpdate,
    Subscriber,
    new_key,
)

from .pages import EmailUpdatesPage  # isort: skip - after the records, which the views it imports use

__all__ = [
    "ALL_NEWS",
    "CONSULTATIONS",
    "EMAIL_MAX",
    "PROGRAMME_PREFIX",
    "DueUpdate",
    "EmailUpdatesPage",
    "SentUpdate",
    "Subscriber",
    "new_key",
]
