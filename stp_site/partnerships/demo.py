"""The demo's staff: each partnership's groups, collection and approval workflow (ensure_partnership), its
demo documents filed in its own collection, and the demo images in the "Shared" collection (both
partnerships show them). Runs last, once every loader has made the partnership's pages."""

from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection, Page, ReferenceIndex, Site, Workflow, WorkflowPage

from stp_site.core.demo import partnerships, read_fixture

from .staff_groups import ensure_partnership, site_label

# What an older demo made for news, before each partnership had its own groups: everyone in them could
# publish the news of every partnership, so they go.
OLD_GROUPS = ["Comms editors", "Approvers"]
OLD_WORKFLOW = "News approval"


def load(stdout, partnership):
    site = partnership.site
    if site is None:
        return
    retire_old_news_publishing(stdout)  # first: its workflow would stand in for the partnership's
    record, made = ensure_partnership(site)
    if made:
        stdout.write(f"Set up the staff of {site_label(site)}: {', '.join(made)}.")
    file_demo_media(record)


def demo_site(fixtures):
    """The demo site built from fixtures/demo/<fixtures>/, or None before load_demo_content has run."""
    for item in partnerships():
        if item.fixtures == fixtures:
            return (
                Site.objects.filter(root_page__slug=item.home_slug, root_page__depth=2)
                .select_related("root_page")
                .first()
            )
    return None


def retire_old_news_publishing(stdout):
    old_groups = Group.objects.filter(name__in=OLD_GROUPS)
    old_workflows = Workflow.objects.filter(name=OLD_WORKFLOW, active=True)
    if not (old_groups.exists() or old_workflows.exists()):
        return
    WorkflowPage.objects.filter(workflow__in=old_workflows).delete()
    old_workflows.update(active=False)
    old_groups.delete()
    stdout.write("Removed the older demo's Comms editors and Approvers groups and its News approval workflow.")


def file_demo_media(record):
    """Demo images still in the root collection go to "Shared"; demo documents there that only this
    partnership's pages use go to its own collection (a page shown on another site as an alias, such as a
    paper of a meeting held in common, counts as the original's site's). Anything staff have filed is
    left where it is."""
    root = Collection.get_first_root_node()
    titles = [item.get("alt") or item["title"] for item in read_fixture("images.json")]
    if record.shared_collection is not None:
        get_image_model().objects.filter(collection=root, title__in=titles).update(collection=record.shared_collection)
    if record.collection is None:
        return
    page_type = ContentType.objects.get_for_model(Page)
    own_pages = record.site.root_page.path
    for document in get_document_model().objects.filter(collection=root):
        page_ids = ReferenceIndex.get_references_to(document).filter(base_content_type=page_type)
        used_on = [int(pk) for pk in page_ids.values_list("object_id", flat=True)]
        paths = Page.objects.filter(pk__in=used_on, alias_of__isnull=True)
        paths = {path[: len(own_pages)] for path in paths.values_list("path", flat=True)}
        if paths == {own_pages}:
            document.collection = record.collection
            document.save(update_fields=["collection"])
