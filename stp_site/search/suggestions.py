"""Suggestions for a search that found nothing: each word that is on no page title is swapped for the
closest word that is (so "maternaty" becomes "maternity").

The words are those in the titles of this site's live, public pages, read once per content version
(core/content_version.py: every publish makes a new one), and compared in Python with difflib, so it
works the same on PostgreSQL and on SQLite, and never suggests a word from a draft or private page.
"""

import difflib
import re

from wagtail.models import Page

from stp_site.core import content_version

WORD = re.compile(r"[^\W\d_]+")
MIN_LENGTH = 4  # shorter words have too many near neighbours ("care", "core", "cure")
SIMILARITY = 0.75  # difflib's ratio: "maternaty" and "maternity" are 0.89


def title_words(site_root_path):
    def build():
        titles = Page.objects.filter(path__startswith=site_root_path).live().public().values_list("title", flat=True)
        return sorted({word.lower() for title in titles for word in WORD.findall(title) if len(word) >= MIN_LENGTH})

    return content_version.cached(f"search:title_words:{site_root_path}", build)


def suggest(query, site_root_path):
    """The query with its unknown words corrected, or "" when there is nothing to correct."""
    words = None
    corrected, changed = [], False
    for word in query.split():
        lower = word.lower()
        if len(lower) < MIN_LENGTH or not WORD.fullmatch(lower):
            corrected.append(word)
            continue
        if words is None:
            words = title_words(site_root_path)
            known = set(words)
        if lower in known:
            corrected.append(word)
            continue
        closest = difflib.get_close_matches(lower, words, n=1, cutoff=SIMILARITY)
        corrected.append(closest[0] if closest else word)
        changed = changed or bool(closest)
    return " ".join(corrected) if changed else ""
