"""Admin views for event bookings: a list per event (filter by event), one booking, deleting one (an
erasure request), and a CSV for the organiser with access needs, formula-safe.

Only those the policy allows (permissions.py) see any of this, and only their own partnership's events'
bookings: another partnership's booking is "not found". Nobody adds or edits bookings here.
"""

from django_filters import ModelChoiceFilter

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.generic.models import DeleteView, IndexView, InspectView
from wagtail.admin.viewsets.model import ModelViewSet

from get_involved.models import DataProtectionLog
from stp_site.core.csv_export import CsvFormulaSafeMixin

from .models import EventBooking, EventPage
from .permissions import booking_policy

PERSON_FIELDS = ["full_name", "email", "phone", "people", "access_needs"]


class BookingFilterSet(WagtailFilterSet):
    event = ModelChoiceFilter(queryset=EventPage.objects.none(), label="Event")

    class Meta:
        model = EventBooking
        fields = ["event"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # Only their partnership's events: the list of choices would name the others.
        user = getattr(request, "user", None)
        events = booking_policy.events_for(user) if user else EventPage.objects.none()
        self.filters["event"].queryset = events.order_by("-starts_at")


class OnlyTheirSitesBookings:
    def get_object(self, *args, **kwargs):
        if not booking_policy.user_has_permission(self.request.user, "view"):
            raise PermissionDenied
        booking = super().get_object(*args, **kwargs)
        if not booking_policy.user_has_permission_for_instance(self.request.user, "view", booking):
            raise Http404
        return booking


class BookingIndexView(CsvFormulaSafeMixin, IndexView):
    def get_base_queryset(self):
        return (
            booking_policy.instances_user_has_permission_for(self.request.user, "view")
            .select_related("event", "referral")
            .order_by("event__starts_at", "created_at")
        )


class BookingInspectView(OnlyTheirSitesBookings, InspectView):
    pass


class BookingDeleteView(OnlyTheirSitesBookings, DeleteView):
    """Deleting a booking (an erasure request, say) leaves a count in the data protection log."""

    def delete_action(self):
        with transaction.atomic():
            super().delete_action()
            DataProtectionLog.objects.create(action=DataProtectionLog.Action.DELETE, count=1)


class BookingViewSet(ModelViewSet):
    model = EventBooking
    icon = "date"
    menu_label = "Event bookings"
    menu_order = 270
    add_to_admin_menu = True
    name = "event_bookings"
    inspect_view_enabled = True
    add_to_reference_index = False  # an event's "usage" tab must not list who is coming
    permission_policy = booking_policy
    index_view_class = BookingIndexView
    inspect_view_class = BookingInspectView
    delete_view_class = BookingDeleteView
    copy_view_enabled = False
    filterset_class = BookingFilterSet
    list_display = [
        "full_name",
        "event",
        Column("people", label="People"),
        DateColumn("created_at", label="Booked"),
        Column("has_access_needs", label="Access needs"),
    ]
    list_export = ["event.title", "event.starts_at", *PERSON_FIELDS, "referral_name", "created_at"]
    export_headings = {"event.title": "Event", "event.starts_at": "Starts", "access_needs": "Access needs"}
    export_filename = "event-bookings"
    search_fields = ["full_name", "email", "phone"]
    inspect_view_fields = ["event", "created_at", *PERSON_FIELDS, "referral", "consent_to_contact", "expires_at"]
    form_fields = PERSON_FIELDS  # never used: nobody adds or edits bookings (the policy says no)
