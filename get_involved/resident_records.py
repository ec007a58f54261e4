"""The kinds of record residents send us (a sign-up, a question to a meeting, and what other apps add:
a consultation response, an event booking, an email subscription), registered once each so that the
durable spool, the database-down middleware and the data protection commands treat every kind the
same way, without get_involved importing the apps that add kinds.

An app registers its kind in its AppConfig.ready():

    resident_records.register(RecordKind(name="event_booking", plural="event bookings", ...))
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet
from django.forms import Form
from django.http import HttpRequest, HttpResponse, QueryDict


class PageGone(Exception):
    """A spooled record's page (group, meeting, consultation, event) no longer exists: the entry stays in
    the spool for a person to look at."""


@dataclass(frozen=True)
class RecordKind:
    # The spool entry's "kind" and known_forms' "kind".
    name: str
    # How the data protection commands name these records: "sign-ups", "questions".
    plural: str
    # Store one spool entry ({"id", "kind", "group_id" (the page's id), "privacy_notice_url", "data"})
    # exactly once (the entry's id is kept as the row's unique spool_id). Returns the row's id, or None
    # when it was stored already. Raises PageGone when its page no longer exists.
    store_spooled: Callable[[dict], int | None]
    # The form that checks a POST at a known form address while the database is down: (known, POST data),
    # where `known` is the known_forms entry. It must need no database to validate.
    outage_form: Callable[[dict, QueryDict], Form]
    # Keep a valid outage form's answers in the spool (spool.write) and return the resident's thank-you
    # page, read from no database: (request, known, form).
    spool_and_thank: Callable[[HttpRequest, dict, Form], HttpResponse]
    # Every record of this kind for an email address or phone number (subject access and erasure). Each
    # record has as_export() -> dict and describe() -> str (no personal details: "event booking 12 to
    # Drop-in at Stafford, made 2 March 2026").
    records_for: Callable[[str, str], QuerySet]
    # Delete (or strip of personal details) every record past its retention; returns how many.
    purge_expired: Callable[[datetime], int]


_kinds: dict[str, RecordKind] = {}


def register(kind):
    _kinds[kind.name] = kind
    return kind


def kind_named(name):
    """The registered kind; a spool entry from before kinds were recorded is a sign-up."""
    return _kinds[name or "sign_up"]


def all_kinds():
    return list(_kinds.values())
