"""Which pages ask "Is this page useful?", and the signed tokens that go with the form.

Every public page built on BasePage asks, on its own address only: not a routable page's other views (a
meeting's question form and thank-you page, a group's thank-you page), not in previews, not on a private
page (one with a view restriction, or below one: the endpoint would otherwise say such a page's title to
anyone who guessed its id). A page type
opts out with a class attribute, `page_feedback = False` (a reference group page: its own address is the
sign-up form). Search results and error pages have no page, so they never ask.

The page is served from the whole-page cache, so the form cannot carry anything made for one visitor.
Its token is the page id signed with a timestamp (django.core.signing): one for every visitor of a
cached copy, refused for any other page id and after PAGE_FEEDBACK_TOKEN_SECONDS. After a vote, the
comment form carries the vote's id, signed the same way, so a comment can only be added to a vote just
made, once.
"""

from django.conf import settings
from django.core import signing

from stp_site.core.models import BasePage
from stp_site.core.view_restrictions import private_sections

VIEW_SALT = "page_feedback.view"
VOTE_SALT = "page_feedback.vote"


def offers_feedback(page, request=None):
    if not isinstance(page, BasePage) or not getattr(page, "page_feedback", True) or not page.pk:
        return False
    if any(page.path.startswith(path) for path, _depth in private_sections()):  # cached: no query
        return False
    if request is not None:
        if getattr(request, "is_preview", False):
            return False
        match = getattr(request, "routable_resolver_match", None)
        if match is not None and match.route != "":
            return False  # another view of a routable page: a form, a thank-you page, a feed
    return True


def _sign(salt, value):
    return signing.TimestampSigner(salt=salt).sign(str(value))


def _unsign(salt, token, max_age):
    """The integer that `token` signs, or None if it is forged, malformed or too old."""
    try:
        return int(signing.TimestampSigner(salt=salt).unsign(token or "", max_age=max_age))
    except (signing.BadSignature, ValueError, TypeError):
        return None


def view_token(page_id):
    return _sign(VIEW_SALT, page_id)


def page_id_from_view_token(token):
    return _unsign(VIEW_SALT, token, settings.PAGE_FEEDBACK_TOKEN_SECONDS)


def vote_token(vote_id):
    return _sign(VOTE_SALT, vote_id)


def vote_id_from_vote_token(token):
    return _unsign(VOTE_SALT, token, settings.PAGE_FEEDBACK_COMMENT_SECONDS)
