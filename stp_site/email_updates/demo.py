"""Demo: a "Get email updates" page under each partnership's Get involved page. No demo subscribers (they
would be personal data)."""

from get_involved.models import GetInvolvedPage
from stp_site.core.demo import ensure_child

from .models import EmailUpdatesPage

INTRO = (
    "<p>Choose what you want to hear about: all our news, news about the work you care about, or new "
    "consultations where you can have your say. We email you only when there is something new. You can "
    "stop at any time with one click.</p>"
)


def load(stdout, partnership):
    home = partnership.home
    if home is None:
        return
    get_involved = GetInvolvedPage.objects.child_of(home).first()
    if get_involved is None or EmailUpdatesPage.objects.descendant_of(home).exists():
        return
    ensure_child(
        get_involved,
        EmailUpdatesPage,
        "email-updates",
        title="Get email updates",
        listing_summary="Hear about our news and new consultations by email.",
        intro=INTRO,
    )
    stdout.write(f"  email updates: page for {partnership.site_name}")
