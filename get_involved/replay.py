"""Replaying the spool: every record a resident sent while the database was down is stored, exactly once,
by the kind that took it (resident_records.py). Workers call it after serving a request (signals.py) and
`manage.py replay_spooled_signups` every few minutes. Log lines carry counts only."""

import logging

from django.db import DatabaseError

from . import spool
from .resident_records import PageGone, kind_named

logger = logging.getLogger(__name__)


def replay_spooled(limit=None):
    """Store every waiting spool entry in PostgreSQL, exactly once. Returns (stored, already stored, left).

    Stops at the first database error (it is still down): the entries stay for the next try."""
    stored = already = 0
    for number, path in enumerate(spool.waiting()):
        if limit is not None and number >= limit:
            break
        entry = spool.read(path)
        if entry is None:
            continue
        kind = kind_named(entry.get("kind"))
        if kind is None or kind.store_spooled is None:
            logger.error("Spooled entry %s is of a kind nothing stores; kept in the spool", entry.get("id"))
            continue
        try:
            record_id = kind.store_spooled(entry)
        except PageGone:
            continue  # left in the spool for a person to look at
        except DatabaseError as error:
            logger.warning("Spooled records not replayed yet: %s", type(error).__name__)
            break
        stored += record_id is not None
        already += record_id is None
        spool.discard(path)
    left = len(spool.waiting())
    if stored or already:
        logger.info("Spooled records replayed: %s stored, %s already stored, %s left", stored, already, left)
    return stored, already, left
