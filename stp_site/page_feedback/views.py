"""The "Is this page useful?" endpoint: a vote, then an optional comment on it. Both are POSTs.

The pages that show the form are served from the whole-page cache, so the form cannot carry a CSRF
token; these views are csrf_exempt, and safe without one:

- they set no cookie, read no session and change nothing but an anonymous count (or add a comment to a
  vote just made), so a forged post cannot act as anyone or reach anything of theirs;
- a post a browser says came from another site (`Sec-Fetch-Site: cross-site`, or an `Origin` that is not
  this host) is refused, so another site cannot use its visitors' browsers to add votes;
- the page id must come with the page's signed token (offered.py), so no other page can be voted on;
- the honeypot, and a per-address rate limit (django-ratelimit, the address hashed into a cache key,
  as for sign-ups) counted only for posts that pass the other checks.

Every response is `no-store`. Without JavaScript each step answers with a page of its own; with it
(site.js sends `X-Page-Feedback: fragment`), with the next step's HTML, which replaces the form. Nothing
here logs anything about who sent it.
"""

import logging
from urllib.parse import urlsplit

from django_ratelimit.core import is_ratelimited

from django.conf import settings
from django.http import HttpResponseNotAllowed
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt

from wagtail.models import Page

from .forms import CommentForm, VoteForm
from .models import PageFeedback
from .offered import offers_feedback, vote_token

logger = logging.getLogger(__name__)

RATE_LIMIT_GROUP = "page_feedback"
FRAGMENT_HEADER = "X-Page-Feedback"

# What each step shows (templates/page_feedback/panel.html), and the title of its page without JavaScript.
ASK_COMMENT = "comment"
THANKS = "thanks"
NOT_SENT = "not_sent"
RATE_LIMITED = "rate_limited"
TITLES = {
    ASK_COMMENT: "Thank you for your feedback",
    THANKS: "Thank you for your comment",
    NOT_SENT: "Sorry, your feedback was not sent",
    RATE_LIMITED: "Please wait before you send more feedback",
}


def is_cross_site(request):
    """Whether the browser says this post came from a page on another site."""
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        return fetch_site == "cross-site"
    origin = request.headers.get("Origin")
    if not origin or origin == "null":
        return False  # an older browser, or a tool: nothing to go on (and nothing to gain)
    try:
        return urlsplit(origin).netloc.lower() != request.get_host().lower()
    except Exception:  # noqa: BLE001 - a host Django refuses, or an odd Origin: not ours either way
        return True


def _respond(request, step, *, page=None, form=None, status=200):
    fragment = request.headers.get(FRAGMENT_HEADER) == "fragment"
    context = {
        "step": step,
        "title": TITLES[step],
        "feedback_page": page,
        "comment_form": form,
        "full_page": not fragment,
    }
    template = "page_feedback/panel.html" if fragment else "page_feedback/page.html"
    response = TemplateResponse(request, template, context, status=status)
    add_never_cache_headers(response)
    response["X-Robots-Tag"] = "noindex"
    return response


def _refused_as_spam(request, form, where):
    if is_cross_site(request) or form.is_honeypot_filled():
        logger.info("Page feedback %s discarded: spam checks", where)
        return True
    return False


def _rate_limited(request):
    rate = settings.PAGE_FEEDBACK_RATE_LIMIT
    return is_ratelimited(request, group=RATE_LIMIT_GROUP, key="ip", rate=rate, method="POST", increment=True)


def _page_for(page_id):
    page = Page.objects.filter(pk=page_id, live=True).specific().first() if page_id else None
    return page if page is not None and offers_feedback(page) else None


@csrf_exempt
def vote(request):
    if request.method != "POST":
        response = HttpResponseNotAllowed(["POST"])
        add_never_cache_headers(response)
        return response
    form = VoteForm(request.POST)
    if _refused_as_spam(request, form, "vote"):
        return _respond(request, NOT_SENT, status=400)
    if not form.is_valid():
        # A token too old (a tab left open for a day) or forged: nothing stored. The page's link, if it has one.
        page = _page_for(form.cleaned_data.get("page")) if "token" in form.errors or form.non_field_errors() else None
        return _respond(request, NOT_SENT, page=page, status=400)
    page = _page_for(form.cleaned_data["page"])
    if page is None:
        return _respond(request, NOT_SENT, status=400)
    if _rate_limited(request):
        logger.warning("Page feedback on page %s refused: rate limit", page.pk)
        return _respond(request, RATE_LIMITED, page=page, status=429)
    feedback = PageFeedback.objects.create(page=page, useful=form.cleaned_data["useful"] == "yes")
    comment_form = CommentForm(initial={"vote": vote_token(feedback.pk)})
    return _respond(request, ASK_COMMENT, page=page, form=comment_form)


@csrf_exempt
def comment(request):
    if request.method != "POST":
        response = HttpResponseNotAllowed(["POST"])
        add_never_cache_headers(response)
        return response
    form = CommentForm(request.POST)
    if _refused_as_spam(request, form, "comment"):
        return _respond(request, NOT_SENT, status=400)
    vote_id = form.vote_id()
    feedback = PageFeedback.objects.select_related("page").filter(pk=vote_id).first() if vote_id else None
    if feedback is None:
        return _respond(request, NOT_SENT, status=400)
    page = feedback.page.specific
    if _rate_limited(request):
        logger.warning("Page feedback comment on page %s refused: rate limit", page.pk)
        form.is_valid()  # what they typed is shown again
        return _respond(request, RATE_LIMITED, page=page, form=form, status=429)
    if not form.is_valid():
        return _respond(request, ASK_COMMENT, page=page, form=form)  # as the sign-up form: 200, with errors
    # One comment per vote: a second post of the same form changes nothing.
    PageFeedback.objects.filter(pk=feedback.pk, comment="").update(comment=form.cleaned_data["comment"])
    return _respond(request, THANKS, page=page)
