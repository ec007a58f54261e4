"""Where something happens in person, with the access information residents need to get there and in:
the fields a board meeting (stp_site/governance) and a public event (stp_site/events) share."""

from django.db import models


class PlaceFields(models.Model):
    """A venue, its address and how to get there and in. A page that can also be online says so itself
    (its own `attendance` field) and shows these only when people come in person."""

    venue = models.CharField(max_length=200, blank=True, help_text="The building and room.")
    venue_address = models.TextField(blank=True, verbose_name="address")
    access_information = models.TextField(
        blank=True,
        help_text="Step-free access, hearing loop, parking, public transport, and who to ask for help.",
    )

    class Meta:
        abstract = True

    @property
    def venue_line(self):
        """The venue and its address, in one line (for lists and calendars)."""
        return ", ".join(part for part in [self.venue, " ".join(self.venue_address.split())] if part)

    @property
    def access_line(self):
        """The access information in one line (for calendars)."""
        return " ".join(self.access_information.split())
