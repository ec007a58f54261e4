"""Dates, times and links out as residents read them, shared by meetings (stp_site/governance) and events
(stp_site/events): times on the clock in England, written the NHS.UK way."""

import datetime
from urllib.parse import urlsplit

from django.utils import timezone


def london(day, time):
    """`day` at `time` on the clock in England, as an aware datetime (GMT or BST, whichever is in force)."""
    return timezone.make_aware(datetime.datetime.combine(day, time), timezone.get_default_timezone())


def clock(time):
    """10:00 -> '10am', 14:30 -> '2:30pm', 12:00 -> 'midday' (the NHS.UK style for times)."""
    if time.hour == 12 and time.minute == 0:
        return "midday"
    if time.hour == 0 and time.minute == 0:
        return "midnight"
    hour = time.hour % 12 or 12
    minutes = f":{time.minute:02d}" if time.minute else ""
    return f"{hour}{minutes}{'am' if time.hour < 12 else 'pm'}"


def website_name(url):
    """The website a link goes to, as residents know it: 'YouTube', 'Microsoft Teams' or its address."""
    host = (urlsplit(url).hostname or "").removeprefix("www.").removeprefix("m.")
    known = {
        "youtube.com": "YouTube",
        "youtu.be": "YouTube",
        "vimeo.com": "Vimeo",
        "teams.microsoft.com": "Microsoft Teams",
        "zoom.us": "Zoom",
    }
    return known.get(host, host or "another website")
