"""Reading HTML in tests by its structure, not its spelling: attribute order, quoting, class order and
whitespace do not matter. Built on Django's parse_html (what assertContains(html=True) and assertInHTML
use); for a whole element use those, from pytest_django.asserts.

    elements(html, "meta", property="og:title")       every <meta property="og:title" ...>
    attribute(html, "link", "href", rel="canonical")   the href of the one <link rel="canonical">
    links(html, class_="nhsuk-card__link")             [(href, text), ...] of matching <a> elements
    texts(html, "h2", id=True)                         the text of every <h2> that has an id

Attribute names in keywords: a trailing underscore for Python words (class_, for_), underscores for
hyphens (aria_current). A value of True only asks for the attribute to be there; `class_` matches an
element that has every class given.
"""

import json

from django.test.html import Element, parse_html


def _attribute_name(keyword):
    return keyword.rstrip("_").replace("_", "-")


def _matches(element, wanted):
    attributes = dict(element.attributes)
    for name, value in wanted.items():
        if name not in attributes:
            return False
        if value is True:
            continue
        if name == "class":
            if not set(value.split()) <= set((attributes[name] or "").split()):
                return False
        elif attributes[name] != value:
            return False
    return True


def _walk(node):
    for child in node.children:
        if isinstance(child, Element):
            yield child
            yield from _walk(child)


def document(html):
    """The parsed page (parse once, then pass it to the functions below instead of the HTML text)."""
    if isinstance(html, bytes):
        html = html.decode()
    return parse_html(html) if isinstance(html, str) else html


def elements(html, tag=None, /, **attributes):
    """Every element named `tag` (any name, if None) that has the attributes given, in document order."""
    root = document(html)
    wanted = {_attribute_name(key): value for key, value in attributes.items()}
    found = [root] if (tag is None or root.name == tag) and _matches(root, wanted) else []
    return found + [
        element for element in _walk(root) if (tag is None or element.name == tag) and _matches(element, wanted)
    ]


def element(html, tag=None, /, **attributes):
    """The one element that matches (fails if there are none, or several)."""
    found = elements(html, tag, **attributes)
    assert len(found) == 1, f"{len(found)} <{tag} {attributes}> elements"
    return found[0]


def text(node):
    """The text in an element and its descendants, whitespace collapsed."""
    if not isinstance(node, Element):
        return str(node).strip()
    return " ".join(part for part in (text(child) for child in node.children) if part)


def attribute(html, tag, attribute_name, /, **attributes):
    """The value of attribute `attribute_name` on the one matching element."""
    return dict(element(html, tag, **attributes).attributes)[_attribute_name(attribute_name)]


def texts(html, tag=None, /, **attributes):
    return [text(found) for found in elements(html, tag, **attributes)]


def links(html, /, **attributes):
    """(href, text) of every matching link, in document order."""
    return [(dict(link.attributes).get("href"), text(link)) for link in elements(html, "a", **attributes)]


def hrefs(html, /, **attributes):
    return [href for href, _ in links(html, **attributes)]


def meta(html, /, **attributes):
    """The content of the one matching <meta>, e.g. meta(html, property="og:url")."""
    return attribute(html, "meta", "content", **attributes)


def json_ld(html):
    """The page's JSON-LD block, as data (its raw text is `text(element(html, "script", type=...))`)."""
    return json.loads(text(element(html, "script", type="application/ld+json")))
