"""The glossary: its terms (cached: one query, dropped when staff change a term) and the filter that
links the first use of each term on a page to its entry on /glossary/."""

import re
from html import escape

from django.contrib.sitemaps import Sitemap
from django.core.cache import cache
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

CACHE_KEY = "stp_site:glossary"
GLOSSARY_PATH = "/glossary/"
# Inside these elements a term is left alone: it is already a link, a heading, or marked up.
_SKIP_INSIDE = {"a", "abbr", "h1", "h2", "h3", "h4", "h5", "h6", "button", "code", "pre", "script", "style"}
_TAG = re.compile(r"(<[^>]+>)")
_TAG_NAME = re.compile(r"</?\s*([a-zA-Z0-9]+)")


def get_terms():
    """[(term, meaning, anchor)], longest term first so 'integrated care board' wins over 'integrated care'."""
    terms = cache.get(CACHE_KEY)
    if terms is None:
        from .models import GlossaryTerm

        terms = [(item.term, item.meaning, item.anchor) for item in GlossaryTerm.objects.all()]
        terms.sort(key=lambda item: -len(item[0]))
        cache.set(CACHE_KEY, terms, 60 * 60)
    return terms


def clear_glossary_cache(**kwargs):
    cache.delete(CACHE_KEY)


def _pattern(term):
    # Terms are matched in the HTML-escaped text; acronyms (all capitals) only in capitals.
    escaped = re.escape(escape(term, quote=False))
    flags = "" if term.isupper() else "(?i)"
    return re.compile(flags + r"(?<![\w&;-])" + escaped + r"(?![\w-])")


def _first_sentence(text):
    match = re.match(r"(.+?[.!?])(\s|$)", text)
    return match.group(1) if match else text


def link_glossary_terms(html, seen):
    """Link the first use of each glossary term in `html` that is not in `seen` (updated in place)."""
    terms = [item for item in get_terms() if item[0].lower() not in seen]
    if not terms or not html:
        return html
    parts = _TAG.split(str(html))
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
        for term, meaning, anchor in terms:
            if term.lower() in seen:
                continue
            match = _pattern(term).search(part)
            if match is None:
                continue
            seen.add(term.lower())
            link = (
                f'<a class="glossary-link" href="{GLOSSARY_PATH}#{anchor}" '
                f'title="{escape(_first_sentence(meaning))}">{match.group(0)}</a>'
            )
            part = part[: match.start()] + link + part[match.end() :]
        parts[index] = part
    return mark_safe("".join(parts))  # noqa: S308 - built from escaped rich text and escaped glossary text


@require_GET
def glossary(request):
    from .models import GlossaryTerm

    terms = list(GlossaryTerm.objects.all())
    return render(request, "glossary/glossary.html", {"terms": terms})


class GlossarySitemap(Sitemap):
    """/glossary/ in /sitemap.xml beside the pages, dated by the last change to a term. Its address uses
    the default Wagtail site's root URL, like the pages' addresses."""

    def _root(self):
        from urllib.parse import urlsplit

        from wagtail.models import Site

        site = Site.objects.filter(is_default_site=True).first()
        return urlsplit(site.root_url) if site else None

    def get_domain(self, site=None):
        root = self._root()
        return root.netloc if root else super().get_domain(site)

    def get_protocol(self, protocol=None):
        root = self._root()
        return root.scheme if root else super().get_protocol(protocol)

    def items(self):
        return [GLOSSARY_PATH]

    def location(self, item):
        return item

    def lastmod(self, item):
        from django.db.models import Max

        from .models import GlossaryTerm

        return GlossaryTerm.objects.aggregate(latest=Max("updated_at"))["latest"]
