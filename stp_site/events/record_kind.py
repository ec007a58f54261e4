"""The event booking's RecordKind, registered with get_involved/resident_records.py from apps.py: how the
spool replay, the outage middleware and the data protection commands handle bookings.

Here, not in bookings.py: the thank-you while the database is down is the views', and the views use the
booking service.
"""

from get_involved import spool
from get_involved.resident_records import RecordKind, register

from . import bookings, views
from .forms import BookingForm


def outage_form(known, data):
    return BookingForm(data)


def spool_and_thank(request, known, form):
    spool.write(known["group_id"], form.cleaned_data, known["privacy"], kind=bookings.KIND)
    return views.spooled_response(request, known["title"])


RECORD_KIND = RecordKind(
    name=bookings.KIND,
    label="event booking(s)",
    store_spooled=bookings.store_spooled,
    outage_form=outage_form,
    spool_and_thank=spool_and_thank,
    records_for=bookings.records_for,
    purge_expired=bookings.purge_expired,
)


def register_kind():
    register(RECORD_KIND)
