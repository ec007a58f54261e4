"""On which partnerships' sites a member of staff may do something kept per site: sign-ups, the equality
summary, glossary terms, known accessibility issues and the site settings.

The rule is Wagtail's own (wagtail/permission_policies/sites.py): a permission in a group's own list
counts on every site; one a group holds for a site (a `GroupSitePermission`, as each partnership's groups
do: stp_site/partnerships) counts on that site only. Superusers work on every site. Pages, images and
documents need none of this: Wagtail limits them by page and collection permissions.
"""

from django.db.models import Q
from django.db.models.functions import Substr

from wagtail.models import GroupSitePermission, Page, Site
from wagtail.permissions import page_permission_policy

NOWHERE = Q(pk__in=[])
SITE_PATH_LENGTH = 2 * Page.steplen  # every partnership's home page sits straight under the tree's root


def _site_permissions(user):
    """{"app_label.codename": {site ids}} that `user`'s groups hold for single sites; read once per user
    object (one request), as Wagtail's policies cache theirs."""
    cached = getattr(user, "_site_permissions_by_name", None)
    if cached is None:
        cached = {}
        rows = GroupSitePermission.objects.filter(group__user=user).values_list(
            "permission__content_type__app_label", "permission__codename", "site_id"
        )
        for app_label, codename, site_id in rows:
            cached.setdefault(f"{app_label}.{codename}", set()).add(site_id)
        user._site_permissions_by_name = cached
    return cached


def holds_on_every_site(user, permission):
    """Whether `user` holds `permission` ("app_label.codename") on every site."""
    return bool(user.is_authenticated and user.is_active and (user.is_superuser or user.has_perm(permission)))


def holds_anywhere(user, permission):
    """Whether `user` holds `permission` on at least one site."""
    if not (user.is_authenticated and user.is_active):
        return False
    return holds_on_every_site(user, permission) or bool(_site_permissions(user).get(permission))


def site_ids_where(user, permission):
    """The ids of the sites where `user` holds `permission`, or None for every site."""
    if holds_on_every_site(user, permission):
        return None
    if not (user.is_authenticated and user.is_active):
        return set()
    return set(_site_permissions(user).get(permission, ()))


def sites_where(user, permission):
    """The sites where `user` holds `permission`, e.g. for the choices of a form's `site` field."""
    site_ids = site_ids_where(user, permission)
    return Site.objects.all() if site_ids is None else Site.objects.filter(pk__in=site_ids)


def on_sites_where(user, permission, path_field="path"):
    """A filter for pages (or, with path_field="group__path", rows that belong to a page) on the sites where
    `user` holds `permission`: everything for every site, nothing for none."""
    site_ids = site_ids_where(user, permission)
    if site_ids is None:
        return Q()
    return under_site_roots(Site.objects.filter(pk__in=site_ids).values_list("root_page__path", flat=True), path_field)


def under_site_roots(root_paths, path_field="path"):
    """A filter for pages at or below any of these site home pages' tree paths."""
    condition = NOWHERE
    for root_path in root_paths:
        condition |= Q(**{f"{path_field}__startswith": root_path})
    return condition


def pages_staff_may_edit(user):
    """The pages `user` may add to, edit or publish: every page for a superuser, a partnership's pages for
    its staff (their groups' page permissions are on its home page)."""
    return page_permission_policy.instances_user_has_any_permission_for(user, ["add", "change", "publish"])


def sites_staff_may_edit(user):
    """The sites with at least one page `user` may edit, by name (for a report's site filter)."""
    sites = Site.objects.select_related("root_page").order_by("site_name", "hostname")
    if user.is_superuser:
        return sites
    prefixes = (
        pages_staff_may_edit(user)
        .annotate(site_path=Substr("path", 1, SITE_PATH_LENGTH))
        .values_list("site_path", flat=True)
        .distinct()
    )
    return sites.filter(root_page__path__in=prefixes)
