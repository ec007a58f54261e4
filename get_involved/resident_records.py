"""The kinds of record residents send us (a sign-up, a question to a meeting, and what other apps add:
a consultation response, an event booking, an email subscription), registered once each so that the
durable spool, the database-down middleware and the data protection commands treat every kind the
same way, without get_involved importing the apps that add kinds.

An app registers its kind in its AppConfig.ready():

    resident_records.register(RecordKind(name="event_booking", label="event booking(s)", ...))

A kind that is never spooled (an email subscription could be) leaves the spool's three fields None.
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
    # How the data protection commands count these records: "sign-up(s)", "question(s)".
    label: str
    # Delete (or strip of personal details) every record past its retention, with a DataProtectionLog
    # row; returns how many. `manage.py purge_expired_signups` calls it daily.
    purge_expired: Callable[[datetime | None], int]
    # Store one spool entry ({"id", "kind", "group_id" (the page's id), "privacy_notice_url", "data"})
    # exactly once (the entry's id is kept as the row's unique spool_id). Returns the row's id, or None
    # when it was stored already. Raises PageGone when its page no longer exists.
    store_spooled: Callable[[dict], int | None] | None = None
    # The form that checks a POST at a known form address while the database is down: (known, POST data),
    # where `known` is the known_forms entry. It must need no database to validate.
    # It has get_involved.forms.ContactDetailsForm's is_honeypot_filled() and is_too_fast().
    outage_form: Callable[[dict, QueryDict], Form] | None = None
    # Keep a valid outage form's answers in the spool (spool.write) and return the resident's thank-you
    # page, read from no database: (request, known, form).
    spool_and_thank: Callable[[HttpRequest, dict, Form], HttpResponse] | None = None
    # Every record of this kind for an email address or phone number (subject access and erasure). Each
    # record has as_export() -> dict and describe() -> str (no personal details: "event booking 12 to
    # Drop-in at Stafford, made 2 March 2026").
    # None for records that name nobody (page feedback comments, which only need deleting on time).
    records_for: Callable[[str, str], QuerySet] | None = None

    @property
    def export_key(self):
        """The record's key in export_personal_data's JSON: "sign_ups", "questions"."""
        return f"{self.name}s"


_kinds: dict[str, RecordKind] = {}


def register(kind):
    _kinds[kind.name] = kind
    return kind


def kind_named(name):
    """The registered kind, or None; a spool entry from before kinds were recorded is a sign-up."""
    return _kinds.get(name or "sign_up")


def all_kinds():
    return list(_kinds.values())
