"""A merged site's host answers every request (but its admin and health check) with a permanent redirect
to where that address now lives on the site it was merged into.

For a request on a merged site's host, in this order:

1. a redirect of that site's for the exact address (with its query string, then without): every page
   it had (the merge made one for each) and its old-site redirects;
2. the longest of those that leads to a page and starts the address, one whole path segment at a time:
   the page's new address plus the rest (/news/feed/, a reference group's thank-you/, ?page=2);
3. the same address on the target site's host (documents, /sitemap.xml, /search/, ...).

The query string is kept, except for addresses on other websites. Which hosts are merged is looked up
once per content version, so other hosts pay nothing more than a cache read; a merged host's requests
read its redirects afresh (one query), so a change in Settings > Redirects applies at once.
"""

from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.db.models import Q
from django.http import HttpResponsePermanentRedirect
from django.http.request import split_domain_port
from django.urls import Resolver404
from django.utils.encoding import escape_uri_path, iri_to_uri

from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Site

from stp_site.core import content_version

from .models import SiteMerge

LEFT_ALONE = ("/admin/", "/health/")
MAX_PATH = 255  # Redirect.old_path's length: a longer address was never redirected
MAX_HOPS = 3  # a redirect to one of the merged site's own paths is followed, this many times at most


def merged_hosts():
    """{hostname: [(port, merge or None), ...]} for every site; a merge is (source site id, target root URL)."""
    merges = {merge.source_id: merge.target.root_url for merge in SiteMerge.objects.select_related("target")}
    if not merges:
        return {}
    hosts = {}
    for site in Site.objects.order_by("pk"):
        merge = (site.pk, merges[site.pk]) if site.pk in merges else None
        hosts.setdefault(site.hostname.lower(), []).append((site.port, merge))
    return hosts


def merge_for(hostname, port, hosts):
    """The merge for this host, matched as Wagtail matches a site: hostname and port, or the hostname alone
    when one site has it. (A merged site is never the default site: run_merge hands that to the target.)"""
    sites = hosts.get(hostname.lower(), [])
    for site_port, merge in sites:
        if site_port == port:
            return merge
    return sites[0][1] if len(sites) == 1 else None


def is_local_path(target):
    return target.startswith("/") and not target.startswith("//") and "\\" not in target


def page_address(redirect, rest=""):
    """The full address of a redirect's page (at its route, if it has one) plus `rest`; None if unroutable."""
    page = redirect.redirect_page
    url = page.get_full_url()
    if not url:
        return None
    route = redirect.redirect_page_route_path
    if route and not rest:
        try:
            page.specific.resolve_subpage(route)
            rest = route
        except (AttributeError, Resolver404):
            pass
    return url.rstrip("/") + rest if rest else url


def redirect_address(redirect):
    """(address, whether to pass the query string on) for one redirect; None if it leads nowhere."""
    if redirect.redirect_page_id:
        address = page_address(redirect)
        return (address, True) if address else None
    if redirect.redirect_link:
        return redirect.redirect_link, is_local_path(redirect.redirect_link)  # never to another website
    return None


def lookup(source_id, path, query):
    """(address, pass the query string on?) from the merged site's redirects, or None. `path` is
    percent-encoded, as the request gave it; redirects store paths decoded (Redirect.normalise_path)."""
    with_query = Redirect.normalise_path(f"{path}?{query}") if query else None
    bare = Redirect.normalise_path(path)
    segments = bare.strip("/").split("/") if bare != "/" else []
    # Shorter addresses that start this one, a whole segment at a time; never "/" (it starts them all).
    prefixes = ["/" + "/".join(segments[:length]) for length in range(len(segments) - 1, 0, -1)]
    candidates = {old_path for old_path in (with_query, bare, *prefixes) if old_path and len(old_path) <= MAX_PATH}
    found = {}
    for redirect in Redirect.objects.filter(
        Q(site_id=source_id) | Q(site=None), old_path__in=candidates
    ).select_related("redirect_page"):
        if redirect.old_path not in found or found[redirect.old_path].site_id is None:
            found[redirect.old_path] = redirect  # the merged site's own before every site's
    if with_query in found:
        # An old address with its query string (/page.php?id=5): the query was part of the address.
        answer = redirect_address(found[with_query])
        if answer:
            return answer[0], False
    if bare in found and (answer := redirect_address(found[bare])):
        return answer
    for prefix in prefixes:
        redirect = found.get(prefix)
        if redirect is not None and redirect.redirect_page_id:
            rest = bare[len(prefix) :] + ("/" if path.endswith("/") else "")
            address = page_address(redirect, iri_to_uri(rest))
            if address:
                return address, True
    return None


def with_query(address, query):
    return f"{address}?{query}" if query and "?" not in address else address


def location(path, query, merge):
    """Where a request for `path` (percent-encoded) and `query` on a merged site's host goes."""
    source_id, target_root_url = merge
    for _hop in range(MAX_HOPS):
        found = lookup(source_id, path, query)
        if found is None:
            break  # not an address of the merged site's: the same address on the target's host
        address, keep_query = found
        if not keep_query:
            query = ""
        if not is_local_path(address):
            return with_query(address, query)
        # A path of the merged site's own (an old-site redirect to /news/): where that path leads now.
        path, _, own_query = address.partition("?")
        query = own_query or query
    return with_query(target_root_url + path, query)


class SiteMergeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(LEFT_ALONE):
            return self.get_response(request)
        try:
            hostname, port = split_domain_port(request.get_host())
        except DisallowedHost:
            return self.get_response(request)  # Django refuses it further on
        try:
            hosts = content_version.cached("site_merge:hosts", merged_hosts)
        except DatabaseError:
            # PostgreSQL is down and the list is not cached: let the rest answer as it does then (the whole-page
            # cache, the sign-up spool) rather than fail every request here.
            return self.get_response(request)
        merge = merge_for(hostname, int(port or request.get_port()), hosts) if hosts else None
        if merge is None:
            return self.get_response(request)
        path = "/" + escape_uri_path(request.path).lstrip("/")  # one slash: //host/ would be another website
        return HttpResponsePermanentRedirect(location(path, request.META.get("QUERY_STRING", ""), merge))
