"""Events' models: the pages (pages.py) and the bookings residents make (records.py).

Two modules, so that the booking service can use the records while the pages' routes use the service's
views.
"""

from .records import ACCESS_NEEDS_MAX, PEOPLE_MAX, EventBooking, EventSettings, booking_expiry_for

from .pages import CALENDAR_PAST_DAYS, EventIndexPage, EventPage, EventPageManager, EventQuerySet  # isort: skip

__all__ = [
    "ACCESS_NEEDS_MAX",
    "CALENDAR_PAST_DAYS",
    "PEOPLE_MAX",
    "EventBooking",
    "EventIndexPage",
    "EventPage",
    "EventPageManager",
    "EventQuerySet",
    "EventSettings",
    "booking_expiry_for",
]
