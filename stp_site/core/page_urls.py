"""Page addresses for links between pages of the same site.

With more than one site in the install, Wagtail's `page.url` (no request) carries the host, and the
site's stored port: a link would leave the address the resident is on. Templates use `{% pageurl %}`,
which knows the request; code that builds links ahead of a request (cached menus, feeds, search
results) uses these.
"""


def local_url(page):
    """The page's address on its own site, from "/" (e.g. "/news/"); "" when no site serves it."""
    parts = page.get_url_parts()
    return parts[2] if parts else ""


def url_from_site(page, site):
    """The page's address as `site` links to it: from "/" on the same site, with the host on another."""
    return page.relative_url(site) or ""
