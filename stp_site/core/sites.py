"""Finding a partnership's Wagtail Site outside a request: the default one, or one named on a command line."""

from wagtail.models import Site


def default_site():
    """The site that answers any host no other site claims, with its home page; None before there is one."""
    return Site.objects.select_related("root_page").filter(is_default_site=True).first()


def find_site(value):
    """A site by id, hostname, or hostname:port. None when there is no such site, or the hostname alone
    names more than one."""
    value = str(value).strip()
    if value.isdigit():
        return Site.objects.filter(pk=int(value)).select_related("root_page").first()
    hostname, _, port = value.partition(":")
    sites = Site.objects.filter(hostname__iexact=hostname).select_related("root_page")
    if port.isdigit():
        sites = sites.filter(port=int(port))
    sites = list(sites)
    return sites[0] if len(sites) == 1 else None
