"""Running a merge planned by plan.py, in one transaction: it all happens, or none of it does."""

from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils import timezone

from wagtail.actions.delete_page import DeletePageAction
from wagtail.actions.move_page import MovePageAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.models import Page

from stp_site.core import content_version
from stp_site.core.models import SiteSettings

from .models import SiteMerge
from .plan import COPY_ON_A, site_label


class MergeRefused(Exception):
    """The plan has problems (plan.problems), so nothing was changed."""

    def __init__(self, problems):
        super().__init__(" ".join(problems))
        self.problems = problems


def _rename(page, slug):
    """Give one of B's pages its new slug where it stands, before it moves (Wagtail refuses a move next to
    a page with the same slug). The latest revision gets it too, or publishing a draft would bring the
    old slug back."""
    page = Page.objects.get(pk=page.pk).specific
    page.slug = slug
    page.save(clean=False)  # only the slug changes: the content is as its editors left it
    revision = page.latest_revision
    if revision is not None and isinstance(revision.content, dict):
        revision.content["slug"] = slug
        revision.save(update_fields=["content"])


def _name_section(source):
    """B's home page becomes a section of A: it is called by B's name there ("Home" would mean A's home
    page in breadcrumbs and search results). Its latest revision gets the title too, as in _rename."""
    page = Page.objects.get(pk=source.root_page_id).specific
    settings = SiteSettings.for_site(source)
    page.title = page.draft_title = settings.organisation_name or source.site_name or page.title
    page.save(clean=False)
    revision = page.latest_revision
    if revision is not None and isinstance(revision.content, dict):
        revision.content["title"] = revision.content["draft_title"] = page.title
        revision.save(update_fields=["content"])


def _placeholder_root(plan, user):
    """An unpublished page at the top of the tree for B's Site to point at: the Site row must stay (it holds
    the host name and the redirects) but must not point into A's tree, or Wagtail would give A's pages
    addresses on B's host (the longest site root that prefixes a page's path wins)."""
    root = Page.get_first_root_node()
    base = f"merged-{plan.section_slug}"
    slug, number = base, 2
    while root.get_children().filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    title = (f"{site_label(plan.source)}: merged into {site_label(plan.target)} on {timezone.localdate():%-d %B %Y}")[
        :255
    ]
    placeholder = Page(title=title, slug=slug, live=False, owner=user)
    root.add_child(instance=placeholder)
    return placeholder


@transaction.atomic
def run_merge(plan, user=None):
    """Carry out `plan`; returns the SiteMerge that records it. Raises MergeRefused if the plan has problems."""
    if plan.problems:
        raise MergeRefused(plan.problems)
    source, target = plan.source, plan.target
    # Made first: its one-to-one source makes a second merge of the same site, even a simultaneous one, fail.
    record = SiteMerge.objects.create(source=source, target=target, merged_by=user)

    # A's copies of B's pages go first: each original moves to where its copy was, with its slug.
    repointed = 0
    for removal in plan.removals:
        if removal.reason == COPY_ON_A and Page.objects.filter(pk=removal.page.pk).exists():
            repointed += Redirect.objects.filter(redirect_page_id=removal.page.pk).update(
                redirect_page_id=removal.replacement.pk
            )
            DeletePageAction(Page.objects.get(pk=removal.page.pk).specific, user=user).execute(
                skip_permission_checks=True
            )

    for move in plan.renames:
        _rename(move.page, move.slug)
    # B's Site still points at B's home page while pages move, so each move is from one site to another
    # and Wagtail makes none of its own same-site redirects; this module makes every one that B needs.
    for move in plan.moves:
        page = Page.objects.get(pk=move.page.pk)  # fresh: earlier moves change tree paths
        parent = Page.objects.get(pk=move.parent.pk)
        # The merge permission is checked by the view or command; page type rules were checked by the plan.
        MovePageAction(page, parent, pos="last-child", user=user).execute(skip_permission_checks=True)

    if plan.section_path is not None:
        _name_section(source)
    source.root_page = _placeholder_root(plan, user)
    if source.is_default_site:
        # Any host without a site of its own would otherwise get B's redirects.
        source.is_default_site = False
        target.is_default_site = True
    source.save()
    target.save()

    # Redirect.redirect_page cascades: point B's redirects (and any other) at the page that replaces the
    # one about to go, before it goes.
    for removal in plan.removals:
        repointed += Redirect.objects.filter(redirect_page_id=removal.page.pk).update(
            redirect_page_id=removal.replacement.pk
        )
    removed_ids = [removal.page.pk for removal in plan.removals]
    for page in Page.objects.filter(pk__in=removed_ids).order_by("-depth"):
        # Deepest first; each is empty by now (its pages moved to its replacement).
        if Page.objects.filter(pk=page.pk).exists():
            if page.get_children().exists():  # a page added since the plan was made: never delete it unseen
                raise MergeRefused([f"“{page.title}” has pages the plan did not know of. Preview the merge again."])
            try:
                DeletePageAction(page.specific, user=user).execute(skip_permission_checks=True)
            except ProtectedError as error:  # e.g. a reference group's sign-ups: the transaction undoes it all
                names = ", ".join(sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects}))
                raise MergeRefused([f"“{page.title}” cannot be removed: {names} belong to it."]) from error

    for address in plan.addresses:
        Redirect.objects.update_or_create(
            site=source,
            old_path=Redirect.normalise_path(address.old_path),
            defaults={
                "redirect_page_id": address.page.pk,
                "redirect_page_route_path": "",
                "redirect_link": "",
                "is_permanent": True,
                "automatically_created": False,
            },
        )

    moved_records = kept_records = 0
    for records in plan.records:
        kept_records += len(records.staying)
        for row in records.moving:
            try:
                with transaction.atomic():  # a savepoint: a row A gained since the preview stays with B
                    records.model._default_manager.filter(pk=row.pk).update(**{records.field: target})
                moved_records += 1
            except IntegrityError:
                kept_records += 1

    record.summary = {
        "pages_moved": plan.pages_moving,
        "pages_renamed": len(plan.renames),
        "pages_removed": len(plan.removals),
        "redirects_made": len(plan.addresses),
        "redirects_repointed": repointed,
        "records_moved": moved_records,
        "records_kept": kept_records,
    }
    record.save(update_fields=["summary"])
    content_version.bump()
    transaction.on_commit(content_version.bump)  # again, in case a request cached the old tree meanwhile
    return record
