"""Wagtail's bulk actions on pages, images and documents name, on their confirmation page, every chosen
item the person may not act on: so `?id=` another partnership's page would show its title. These leave
out what the person cannot see at all (another partnership's), and answer "not found" when nothing is
left. What they may see but not act on is still listed, as Wagtail lists it."""

from django.http import Http404

from wagtail.admin.views.pages import bulk_actions as pages
from wagtail.documents.views import bulk_actions as documents
from wagtail.images.views import bulk_actions as images

from .scope import home_page_paths, on_their_sites

MEDIA_ACTIONS = ["add", "change", "delete", "choose"]


class OnlyWhatTheyCanSee:
    def can_see(self, item):
        raise NotImplementedError

    def get_queryset(self, model, object_ids):
        items = [item for item in super().get_queryset(model, object_ids) if self.can_see(item)]
        if not items:
            raise Http404
        return items


class PagesOfTheirSites(OnlyWhatTheyCanSee):
    def can_see(self, page):
        if not hasattr(self, "_home_page_paths"):
            self._home_page_paths = home_page_paths(self.request.user)
        return on_their_sites(page.path, self._home_page_paths)


class MediaOfTheirCollections(OnlyWhatTheyCanSee):
    def can_see(self, item):
        if not hasattr(self, "_collection_ids"):
            collections = self.permission_policy.collections_user_has_any_permission_for(
                self.request.user, MEDIA_ACTIONS
            )
            self._collection_ids = set(collections.values_list("pk", flat=True))
        return item.collection_id in self._collection_ids


def limited(action_class, mixin):
    return type(action_class.__name__, (mixin, action_class), {})


BULK_ACTIONS = [
    *(
        limited(action, PagesOfTheirSites)
        for action in (
            pages.DeleteBulkAction,
            pages.MoveBulkAction,
            pages.PublishBulkAction,
            pages.UnpublishBulkAction,
        )
    ),
    *(
        limited(action, MediaOfTheirCollections)
        for module in (images, documents)
        for action in (module.AddTagsBulkAction, module.AddToCollectionBulkAction, module.DeleteBulkAction)
    ),
]
