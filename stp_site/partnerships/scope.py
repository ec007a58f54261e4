"""Which partnerships' pages a member of staff works on: the sites their page permissions are in.

Wagtail already limits the explorer, editing, publishing, search and its page reports by page permission.
What it shows everyone (the page chooser, the page types report) is limited here to the same sites:
a partnership's staff hold their page permissions on its home page, so their sites are the home pages
at the top of those permissions' paths. A permission on the tree's root (cluster administrators) or
being a superuser means every site.
"""

from wagtail.models import Page
from wagtail.permissions import page_permission_policy

HOME_DEPTH = 2  # every partnership's home page sits straight under the tree's root


def home_page_paths(user):
    """The tree paths of the home pages of the sites `user` works on, or None for every site."""
    if not (user.is_authenticated and user.is_active):
        return set()
    if user.is_superuser:
        return None
    paths = set()
    for group_permission in page_permission_policy.get_cached_permissions_for_user(user):
        if group_permission.page.depth < HOME_DEPTH:
            return None
        paths.add(group_permission.page.path[: HOME_DEPTH * Page.steplen])
    return paths


def on_their_sites(path, paths):
    """Whether the page at tree path `path` is on one of the sites at `paths` (None: every site)."""
    return paths is None or any(path.startswith(home) for home in paths)
