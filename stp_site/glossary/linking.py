"""Linking the first use of each glossary term on a page to its entry on the glossary page.

The linking walks the HTML with regular expressions, so its result is cached per content version
(which changes whenever a term or a page changes): a page's rich text is linked once, not on every render.
"""

import hashlib
import re
from html import escape

from django.utils.safestring import mark_safe

from stp_site.core import content_version

from .models import glossary_page_url, glossary_terms

# Inside these elements a term is left alone: it is already a link, a heading, or marked up.
_SKIP_INSIDE = {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "button", "code", "pre", "script", "style"}
_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


def linkable_terms(site):
    """[(term, title, anchor, pattern)], longest term first so 'integrated care board' wins over
    'integrated care'. Terms are matched in the HTML-escaped text; acronyms (all capitals) only in capitals."""

    def build():
        terms = sorted(glossary_terms(site), key=lambda item: -len(item.term))
        return [
            (
                item.term,
                _first_sentence(item.meaning),
                item.anchor,
                ("" if item.term.isupper() else "(?i)")
                + r"(?<![\w&;-])"
                + re.escape(escape(item.term, quote=False))
                + r"(?![\w-])",
            )
            for item in terms
        ]

    return content_version.cached(f"glossary_linkable_terms:{site.pk if site else ''}", build)


def _first_sentence(text):
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def link_glossary_terms(html, seen, site):
    """`html` with the first use of each of `site`'s glossary terms not in `seen` linked; `seen` is
    updated in place. Cached per content version by the site, the HTML and the terms already seen."""
    html = str(html or "")
    if not html:
        return mark_safe(html)  # noqa: S308 - empty
    digest = hashlib.sha256("\x00".join([html, *sorted(seen)]).encode()).hexdigest()
    site_key = site.pk if site else ""
    linked, newly_seen = content_version.cached(
        f"glossary_linked:{site_key}:{digest}", lambda: _link(html, frozenset(seen), site)
    )
    seen.update(newly_seen)
    return mark_safe(linked)  # noqa: S308 - built from escaped rich text and escaped glossary text


def _link(html, seen, site):
    terms = [item for item in linkable_terms(site) if item[0].lower() not in seen]
    target = glossary_page_url(site)
    if not terms or not target:
        return html, set()
    newly_seen = set()
    parts = _TAG.split(html)
    skip_depth = 0
    for index, part in enumerate(parts):
        if part.startswith("<"):
            name = _TAG_NAME.match(part)
            if name and name.group(1).lower() in _SKIP_INSIDE and not part.endswith("/>"):
                skip_depth += -1 if part.startswith("</") else 1
                skip_depth = max(skip_depth, 0)
            continue
        if skip_depth or not part.strip():
            continue
        for term, title, anchor, pattern in terms:
            if term.lower() in newly_seen:
                continue
            match = re.search(pattern, part)
            if match is None:
                continue
            newly_seen.add(term.lower())
            link = f'<a class="glossary-link" href="{target}#{anchor}" title="{escape(title)}">{match.group(0)}</a>'
            part = part[: match.start()] + link + part[match.end() :]
        parts[index] = part
    return "".join(parts), newly_seen
