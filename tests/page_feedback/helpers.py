"""Posting "Is this page useful?" as a browser does: read the form from the page, send what it holds."""

import re

from tests import html as h

VOTE_URL = "/page-feedback/"
COMMENT_URL = "/page-feedback/comment/"
FRAGMENT = {"HTTP_X_PAGE_FEEDBACK": "fragment"}


def vote_form(content):
    """The hidden fields of the page's feedback form ({"page": ..., "token": ..., "website": ""})."""
    form = h.element(content, "form", class_="app-page-feedback__vote")
    return {name: h.attribute(form, "input", "value", name=name) or "" for name in ("page", "token", "website")}


def vote(client, page_content, useful="yes", **extra):
    return client.post(VOTE_URL, {**vote_form(page_content), "useful": useful}, **extra)


def vote_token_from(content):
    match = re.search(r'name="vote" value="([^"]+)"', content)
    assert match, "no comment form"
    return match.group(1)


def comment(client, vote_response, text, **extra):
    token = vote_token_from(vote_response.content.decode())
    return client.post(COMMENT_URL, {"vote": token, "comment": text, "website": ""}, **extra)
