from wagtail import hooks

from .keys import SERVED_PAGE_ATTRIBUTE


@hooks.register("before_serve_page")
def remember_served_page(page, request, serve_args, serve_kwargs):
    """The page a response is, for its surrogate keys (its routes too: the news feed is the index's)."""
    setattr(request, SERVED_PAGE_ATTRIBUTE, page)
