"""Who sees the bookings for events: those who hold the booking permissions for a partnership's site (its
coordinators group, stp_site/partnerships/staff_groups.py) see that site's events' bookings; superusers
every site's; everyone else none. Every admin view and export of bookings asks this policy."""

from wagtail.permission_policies import ModelPermissionPolicy

from stp_site.core.site_permissions import holds_anywhere, on_sites_where

from .models import EventBooking, EventPage


class BookingPermissionPolicy(ModelPermissionPolicy):
    def __init__(self):
        super().__init__(EventBooking)

    def user_has_permission(self, user, action):
        if action in ("add", "change"):
            return False  # residents book through the event's form; staff read and delete
        return holds_anywhere(user, self._get_permission_name(action))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def _on_their_sites(self, user, action, path_field="event__path"):
        return on_sites_where(user, self._get_permission_name(action), path_field=path_field)

    def events_for(self, user, action="view"):
        """The events whose bookings `user` may see."""
        if not self.user_has_permission(user, action):
            return EventPage.objects.none()
        return EventPage.objects.filter(self._on_their_sites(user, action, path_field="path"))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return EventBooking.objects.filter(self._on_their_sites(user, action), pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        if not allowed:
            return EventBooking.objects.none()
        condition = self._on_their_sites(user, allowed[0])
        for action in allowed[1:]:
            condition |= self._on_their_sites(user, action)
        return EventBooking.objects.filter(condition)


booking_policy = BookingPermissionPolicy()
