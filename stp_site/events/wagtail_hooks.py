from wagtail import hooks

from .admin_views import BookingViewSet


@hooks.register("register_admin_viewset")
def register_booking_viewset():
    return BookingViewSet()
