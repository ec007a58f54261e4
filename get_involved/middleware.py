from django.conf import settings
from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from .known_forms import form_at
from .resident_records import kind_named
from .spool import SIGN_UP


class KeepSignUpsWhileDatabaseIsDownMiddleware:
    """A sign-up, a question or any other record a resident sends (resident_records.py) while the database
    is down is kept in the spool, not lost to the 500 page.

    Wagtail finds the page through the database before the form's own code runs, so when the database
    is down the form never sees the POST. This catches that failure for a known form address
    (known_forms.py): a valid answer is spooled to disk and the resident thanked; anything else gets a
    page, read from no database, that asks them to try again in a few minutes.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if request.method != "POST" or not isinstance(exception, DatabaseError):
            return None
        known = form_at(request.path)
        if known is None or known["closed"]:
            return None
        kind = kind_named(known.get("kind"))
        if kind is None or kind.outage_form is None:
            return None
        form = kind.outage_form(known, request.POST)
        if not (form.is_honeypot_filled() or form.is_too_fast()) and form.is_valid():
            return kind.spool_and_thank(request, known, form)
        response = TemplateResponse(
            request,
            "pages/reference_group_try_again.html",
            {"with_database": False, "join_by_phone": kind.name == SIGN_UP},
            status=503,
        )
        add_never_cache_headers(response)
        response["Retry-After"] = str(settings.SIGNUP_SPOOL_REPLAY_SECONDS * 6)
        return response
