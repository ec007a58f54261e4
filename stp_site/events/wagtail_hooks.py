from django.urls import reverse

from wagtail import hooks
from wagtail.admin.widgets import Button

from .admin_views import BookingViewSet
from .models import EventPage
from .permissions import booking_policy


@hooks.register("register_admin_viewset")
def register_booking_viewset():
    return BookingViewSet()


def _who_is_coming(page, user):
    if page.specific_class is EventPage and booking_policy.user_has_permission(user, "view"):
        url = reverse("event_bookings:index") + f"?event={page.pk}"
        yield Button("Who is coming", url=url, icon_name="group", priority=45)


@hooks.register("register_page_header_buttons")
def who_is_coming_header_button(page, user, view_name=None, next_url=None):
    """On an event's pages in the admin, for staff who see its bookings: its list of bookings."""
    yield from _who_is_coming(page, user)


@hooks.register("register_page_listing_more_buttons")
def who_is_coming_listing_button(page, user, next_url=None):
    yield from _who_is_coming(page, user)
