"""Consultation responses as a kind of record residents send (get_involved/resident_records.py), so the
spool, the database-down middleware and the data protection commands handle them as they do sign-ups.
Registered in apps.py."""

from get_involved.resident_records import RecordKind

from . import responses, views

RECORD_KIND = RecordKind(
    name=responses.KIND,
    label="consultation response(s)",
    store_spooled=responses.store_spooled,
    outage_form=views.outage_form,
    spool_and_thank=views.spool_and_thank,
    records_for=responses.records_for,
    purge_expired=responses.purge_expired,
)
