"""One page of each page type on the first demo site (Together We're Better, at 127.0.0.1), for the
first-view bench (bench/first_view.py) and the stylesheet comparison test
(tests/browser/test_trimmed_stylesheet.py).

A meeting's address carries its date (the demo's meetings are dated from the day it is loaded), so it
is read from the meetings index: `page_types(get_text)` takes a function that returns a path's HTML.
"""

import re

PAGE_TYPES = {
    "home": "/",
    "standard": "/contact-us/",
    "vision": "/our-vision/",
    "programme index": "/our-work/",
    "programme": "/our-work/maternity-and-children/",
    "news index": "/news/",
    "news item": "/news/my-pregnancy-notes/",
    "partners": "/partners/",
    "partner": "/partners/university-hospitals-of-north-midlands/",
    "get involved": "/get-involved/",
    "reference groups": "/get-involved/patient-reference-groups/",
    "reference group": "/get-involved/patient-reference-groups/urgent-and-emergency-care/",
    "consultation": "/get-involved/consultations/mental-health-support-near-you/",
    "event": "/get-involved/events/stafford-drop-in/",
    "how we are run": "/how-we-are-run/",
    "meetings index": "/how-we-are-run/board-meetings/",
    "search": "/search/?q=care",
    "not found (404)": "/no-such-page/",
}
MEETINGS_INDEX = PAGE_TYPES["meetings index"]


def page_types(get_text):
    """PAGE_TYPES with "meeting": the first meeting the meetings index links to."""
    index = get_text(MEETINGS_INDEX)
    meeting = re.search(rf'href="({MEETINGS_INDEX}[a-z0-9-]+/)"', index)
    if not meeting:
        raise LookupError(f"{MEETINGS_INDEX} links to no meeting")
    return {**PAGE_TYPES, "meeting": meeting.group(1)}
