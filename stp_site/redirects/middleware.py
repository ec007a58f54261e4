from urllib.parse import urlsplit

from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware

from .importer import is_local_path


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects (made automatically when a page is moved or renamed), keeping the query string.

    Partners' links carry ?ref=<code>; when a page's slug changes, the old link must still record the referral.
    The query string goes only to pages of this site: another website has no use for it, and it may
    carry what a resident would not want passed on.
    """

    def process_response(self, request, response):
        result = super().process_response(request, response)
        query = request.META.get("QUERY_STRING", "")
        location = result.get("Location", "") if result is not response else ""
        this_site = is_local_path(location) or urlsplit(location).netloc == request.get_host()
        if query and location and this_site and "?" not in location:
            result["Location"] = f"{location}?{query}"
        return result
