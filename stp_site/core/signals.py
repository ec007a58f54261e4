"""Every change that residents could see bumps the content version, so every cached copy is stale at once.

Apps whose own models show on pages (the glossary, the known accessibility issues) connect theirs
in their own signals.py, with `content_version.bump`.
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import content_version
from .models import AlertBanner, SiteSettings

for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(content_version.bump, dispatch_uid=f"content_version_{signal!r}")
post_delete.connect(content_version.bump, sender="wagtailcore.Page", dispatch_uid="content_version_page_delete")


def settings_saved(sender, created, **kwargs):
    if not created:  # a settings row is created, with its defaults, the first time it is read
        content_version.bump()


for model in (SiteSettings, AlertBanner):
    post_save.connect(settings_saved, sender=model, dispatch_uid=f"content_version_{model.__name__}")


def bump_now_and_on_commit(**kwargs):
    """For changes that must never be missed (a page made private, a site moved): bump at once,
    and again when the transaction commits, in case another request cached the old rows meanwhile."""
    content_version.bump()
    transaction.on_commit(content_version.bump)


for model in (PageViewRestriction, Site):
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(bump_now_and_on_commit, sender=model, dispatch_uid=f"content_version_{model.__name__}_{name}")
