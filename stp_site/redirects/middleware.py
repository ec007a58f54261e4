from wagtail.contrib.redirects.middleware import RedirectMiddleware as WagtailRedirectMiddleware


class RedirectMiddleware(WagtailRedirectMiddleware):
    """Wagtail's redirects (made automatically when a page is moved or renamed), keeping the query string.

    Partners' links carry ?ref=<code>; when a page's slug changes, the old link must still record the referral.
    """

    def process_response(self, request, response):
        result = super().process_response(request, response)
        query = request.META.get("QUERY_STRING", "")
        if result is not response and query and result.has_header("Location") and "?" not in result["Location"]:
            result["Location"] = f"{result['Location']}?{query}"
        return result
