"""Serving a meeting's question form (GET and POST) and its thank-you page.

MeetingPage's routes (stp_site/governance) call these, passing the meeting; storing the question is the
service's job (questions.py). The form is open until the meeting's deadline for questions; a question sent
after it (the resident started before it closed) is still stored, marked late, and they are told so.
Nothing here logs personal data: log lines carry page and row ids and exception class names only.
"""

import logging

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.template.response import TemplateResponse

from stp_site.core.page_urls import local_url

from .flood import count_post
from .forms import QuestionForm, make_started_token
from .known_forms import remember_form
from .questions import original, save_or_spool
from .views import no_store, privacy_notice_context

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "get_involved.question"
TEMPLATE = "pages/meeting_question.html"
THANK_YOU_TEMPLATE = "pages/meeting_question_thank_you.html"


def _render(request, meeting, template, context=None, status=200):
    context = {
        **meeting.get_context(request),
        **privacy_notice_context(request, "We will use your details only to answer your question."),
        "next_meeting": meeting.next_meeting_taking_questions(),
        **(context or {}),
    }
    return no_store(TemplateResponse(request, template, context, status=status))


def ask(request, meeting):
    if request.method not in ("GET", "HEAD", "POST"):
        return no_store(HttpResponseNotAllowed(["GET", "POST"]))

    open_now = meeting.takes_questions_now()
    if request.method != "POST":
        if not open_now:
            return _render(request, meeting, TEMPLATE, {"closed": True})
        privacy_url = privacy_notice_context(request)["privacy_notice_url"]
        remember_form(
            request.path,
            kind="question",
            page_id=original(meeting).pk,
            title=meeting.title,
            privacy=privacy_url,
            closes_at=meeting.questions_close_at.timestamp(),
        )
        return _render(request, meeting, TEMPLATE, {"form": QuestionForm(initial={"started": make_started_token()})})

    if not meeting.takes_questions or not meeting.is_going_ahead:
        # Cancelled or moved while they typed, or never taking questions: say so, and where to ask instead.
        return _render(request, meeting, TEMPLATE, {"closed": True}, status=409)

    form = QuestionForm(request.POST)
    count_post()
    if form.is_honeypot_filled() or form.is_too_fast():
        logger.info("Question discarded for meeting %s: spam checks", meeting.pk)
        form_url = local_url(meeting) + meeting.reverse_subpage("ask")
        return _render(request, meeting, "pages/reference_group_not_sent.html", {"form_url": form_url}, 400)

    if is_ratelimited(
        request, group=RATE_LIMIT_GROUP, key="ip", rate=settings.SIGNUP_RATE_LIMIT, method="POST", increment=True
    ):
        logger.warning("Question refused for meeting %s: rate limit", meeting.pk)
        return _render(request, meeting, TEMPLATE, {"form": form, "rate_limited": True}, 429)

    if not form.is_valid():
        return _render(request, meeting, TEMPLATE, {"form": form, "show_errors": True})

    late = not open_now  # the deadline passed while they wrote: kept, and they are told
    privacy_url = privacy_notice_context(request)["privacy_notice_url"]
    outcome, record_id = save_or_spool(meeting, form.cleaned_data, privacy_url, late=late)
    if outcome == "spooled":
        return spooled_response(request, meeting.title, late=late)
    logger.info("Question %s stored for meeting %s", record_id, meeting.pk)
    thank_you_url = local_url(meeting) + meeting.reverse_subpage("question_thank_you")
    return no_store(HttpResponseRedirect(thank_you_url + ("?late=1" if late else ""), status=303))


def spooled_response(request, meeting_title, late=False):
    """Thank the resident whose question waits in the spool, reading nothing from the database."""
    context = {"meeting_title": meeting_title, "late": late, "with_database": False}
    return no_store(TemplateResponse(request, THANK_YOU_TEMPLATE, context))


def thank_you(request, meeting):
    if request.method not in ("GET", "HEAD"):
        return no_store(HttpResponseNotAllowed(["GET"]))
    late = request.GET.get("late") == "1"
    return _render(request, meeting, THANK_YOU_TEMPLATE, {"meeting_title": meeting.title, "late": late})
