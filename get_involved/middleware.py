import time

from django.conf import settings
from django.db import DatabaseError
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from . import question_views, views
from .forms import QuestionForm, SignUpForm
from .known_forms import form_at
from .spool import QUESTION, SIGN_UP, write


class KeepSignUpsWhileDatabaseIsDownMiddleware:
    """A sign-up or a question sent while the database is down is kept in the spool, not lost to the 500 page.

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
        kind = known.get("kind", SIGN_UP)
        form = (QuestionForm if kind == QUESTION else SignUpForm)(request.POST)
        if not (form.is_honeypot_filled() or form.is_too_fast()) and form.is_valid():
            if kind == QUESTION:
                late = bool(known.get("closes_at")) and time.time() >= known["closes_at"]
                write(known["group_id"], {**form.cleaned_data, "late": late}, known["privacy"], kind=QUESTION)
                return question_views.spooled_response(request, known["title"], late=late)
            write(known["group_id"], form.cleaned_data, privacy_notice_url=known["privacy"])
            return views.spooled_response(request, known["title"], known["privacy"])
        response = TemplateResponse(
            request,
            "pages/reference_group_try_again.html",
            {"with_database": False, "is_question": kind == QUESTION},
            status=503,
        )
        add_never_cache_headers(response)
        response["Retry-After"] = str(settings.SIGNUP_SPOOL_REPLAY_SECONDS * 6)
        return response
