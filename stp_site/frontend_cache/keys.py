"""Surrogate keys: what each cached copy is tagged with, and which tags a change must purge.

A copy of a public response carries, in its `xkey` header:
- `site-<id>`: its site. Everything on every page of a site (the menu, footer, alert banner, linked
  glossary terms) changes with the site's settings, its site-wide snippets or a section in its menu.
- `page-<id>` for the page itself and for every page its context lists (cards, related items, the
  latest news): when that page changes, this copy is purged.
- `tree-<path>` for the page and each of its ancestors (Wagtail's tree paths): a change to where a
  section is or who may see it (a move, unpublish, delete, view restriction, new title or slug) purges
  everything under it, breadcrumbs and addresses included.
Responses that are not one page but list pages from anywhere on the site (search, the sitemap) carry
the home page's `page-<id>`, like the home page's own lists: any change in the site purges it.

A change to a page purges its own key, its ancestors' (the indexes, feeds and home page that list it),
the pages that link to it or name it (Wagtail's reference index, inbound) and the pages it names
(outbound: a partner page lists the programmes that name it), and, when the change is structural,
its tree.
"""

from django.core.paginator import Page as PaginatorPage
from django.db.models import QuerySet

from wagtail.models import Page, ReferenceIndex, Site

SERVED_PAGE_ATTRIBUTE = "frontend_cache_page"  # set on the request by the before_serve_page hook
_CONTEXT_DEPTH = 3


def site_key(site_id):
    return f"site-{site_id}"


def page_key(page_id):
    return f"page-{page_id}"


def tree_key(path):
    return f"tree-{path}"


# --- what a response is tagged with ----------------------------------------------------------------------


def for_response(request, response):
    site = getattr(request, "_wagtail_site", None) or Site.find_for_request(request)
    keys = {site_key(site.pk)} if site else set()
    page = getattr(request, SERVED_PAGE_ATTRIBUTE, None)
    if page is not None:
        keys.add(page_key(page.pk))
        keys.update(tree_key(path) for path in _tree_paths(page.path))
        keys.update(page_key(pk) for pk in pages_in(getattr(response, "context_data", None)))
    elif site:
        keys.add(page_key(site.root_page_id))
    return keys


def _tree_paths(path):
    """The paths of a page and its ancestors from the home pages down (the tree's root is no page)."""
    return [path[:end] for end in range(2 * Page.steplen, len(path) + 1, Page.steplen)]


def pages_in(value, depth=0):
    """The ids of the pages in a template context: its values, and lists, dicts and pages of a
    paginator inside them. Never runs a query: an unevaluated queryset is not what the page showed."""
    if isinstance(value, Page):
        yield value.pk
        return
    if depth >= _CONTEXT_DEPTH:
        return
    if isinstance(value, dict):
        items = value.values()
    elif isinstance(value, PaginatorPage):
        items = value.object_list
    elif isinstance(value, QuerySet):
        items = value._result_cache or ()
    elif isinstance(value, list | tuple | set | frozenset):
        items = value
    else:
        return
    if isinstance(items, QuerySet):
        items = items._result_cache or ()
    for item in items:
        yield from pages_in(item, depth + 1)


# --- what a change purges --------------------------------------------------------------------------------


def for_page(page, structural=False):
    """The keys to purge when `page` changes (called before a delete, while its references exist)."""
    paths = _tree_paths(page.path)
    keys = {page_key(page.pk)}
    keys.update(page_key(pk) for pk in Page.objects.filter(path__in=paths[:-1]).values_list("pk", flat=True))
    keys.update(_pages_referring_to(page))
    keys.update(_pages_named_by(page))
    if structural:
        keys.add(tree_key(page.path))
        if len(paths) <= 2:  # a home page, or a section in its site's menu
            keys.update(
                site_key(pk) for pk in Site.objects.filter(root_page__path__in=paths).values_list("pk", flat=True)
            )
    return keys


def for_object(instance):
    """The keys to purge when a snippet or setting changes: its site's when it belongs to one (it may be
    shown on any page: glossary terms are linked in every page's text), else the pages that use it."""
    site_id = getattr(instance, "site_id", None)
    if site_id is not None:
        return {site_key(site_id)}
    return set(_pages_referring_to(instance))


def _pages_referring_to(instance):
    """Pages that link to or embed `instance`, directly or through a snippet or setting they use."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    for reference in ReferenceIndex.get_references_to(instance).select_related("content_type"):
        if reference.base_content_type_id == page_type.pk:
            yield page_key(reference.object_id)
            continue
        model = reference.content_type.model_class()
        source = model._default_manager.filter(pk=reference.object_id).first() if model else None
        if source is None or isinstance(source, Page):
            continue
        site_id = getattr(source, "site_id", None)
        if site_id is not None:  # a site setting (the footer's links): every page of its site
            yield site_key(site_id)
        else:
            page_references = ReferenceIndex.get_references_to(source).filter(base_content_type=page_type)
            yield from (page_key(pk) for pk in page_references.values_list("object_id", flat=True))


def _pages_named_by(page):
    """Pages `page` points to, which may list it back: its chooser fields and links (the reference
    index) and its many-to-many fields (a programme's partners, a news item's programmes), which the
    reference index leaves out."""
    page_type = ReferenceIndex._get_base_content_type(Page)
    outbound = ReferenceIndex.get_references_for_object(page).filter(to_content_type=page_type)
    yield from (page_key(pk) for pk in outbound.values_list("to_object_id", flat=True))
    specific = page.specific_deferred if type(page) is Page else page
    for field in specific._meta.get_fields():
        if field.many_to_many and not field.auto_created and issubclass(field.related_model, Page):
            yield from (page_key(named.pk) for named in getattr(specific, field.name).all())
