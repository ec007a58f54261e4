"""Every change residents could see purges, from the front-end cache, the copies that show it
(keys.py says which): beside core/signals.py, which bumps the content version for the same changes."""

from django.db.models.signals import post_delete, post_save, pre_delete, pre_save

from wagtail.contrib.settings.registry import registry as settings_registry
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move, pre_page_move
from wagtail.snippets.models import get_snippet_models

from . import keys
from .purge import purge

STRUCTURE_FIELDS = ("title", "slug", "live")
_BEFORE_ATTRIBUTE = "_frontend_cache_before"


def remember_title_and_slug(instance, update_fields=None, **kwargs):
    """Before a page is saved: its title, slug and whether it was live, as stored, so a publish that
    changes one (every breadcrumb and address under it, the menu, the lists it joins) purges its section."""
    if not isinstance(instance, Page) or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(STRUCTURE_FIELDS):
        return  # a draft saved: only the draft's fields change
    setattr(instance, _BEFORE_ATTRIBUTE, Page.objects.filter(pk=instance.pk).values_list(*STRUCTURE_FIELDS).first())


def published(instance, **kwargs):
    before = getattr(instance, _BEFORE_ATTRIBUTE, None)
    now = tuple(getattr(instance, name) for name in STRUCTURE_FIELDS)
    purge(keys.for_page(instance, structural=before != now))


def changed_structurally(instance, **kwargs):
    purge(keys.for_page(instance, structural=True))


def restriction_changed(instance, **kwargs):
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        purge(keys.for_page(page, structural=True))


def object_changed(sender, instance, created=False, **kwargs):
    if sender in get_snippet_models() or (sender in settings_registry and not created):
        # (a settings row is created, with its defaults, the first time it is read)
        purge(keys.for_object(instance))


def site_changed(instance, **kwargs):
    purge({keys.site_key(instance.pk)})


pre_save.connect(remember_title_and_slug, dispatch_uid="frontend_cache_page_before")
page_published.connect(published, dispatch_uid="frontend_cache_published")
page_unpublished.connect(changed_structurally, dispatch_uid="frontend_cache_unpublished")
# Before a move: the old place's lists and tree; after it: the new place's.
pre_page_move.connect(changed_structurally, dispatch_uid="frontend_cache_pre_move")
post_page_move.connect(changed_structurally, dispatch_uid="frontend_cache_post_move")
# Before a delete, while its ancestors and the references to it are still there.
pre_delete.connect(changed_structurally, sender="wagtailcore.Page", dispatch_uid="frontend_cache_page_delete")
for signal in (post_save, post_delete):
    signal.connect(
        restriction_changed, sender=PageViewRestriction, dispatch_uid=f"frontend_cache_restriction_{signal!r}"
    )
    signal.connect(site_changed, sender=Site, dispatch_uid=f"frontend_cache_site_{signal!r}")
# Snippets and settings are registered by other apps, some in their wagtail_hooks: asked when one is saved.
post_save.connect(object_changed, dispatch_uid="frontend_cache_object_saved")
pre_delete.connect(object_changed, dispatch_uid="frontend_cache_object_deleted")
