from django.db import transaction
from django.db.models.signals import post_delete, post_save

from wagtail.models import PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from . import content_version
from .glossary import clear_glossary_cache
from .models import AlertBanner, GlossaryTerm, KnownAccessibilityIssue, SiteSettings

for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(content_version.bump, dispatch_uid=f"content_version_{signal!r}")
post_delete.connect(content_version.bump, sender="wagtailcore.Page", dispatch_uid="content_version_page_delete")


def settings_saved(sender, created, **kwargs):
    if not created:  # a settings row is created, with its defaults, the first time it is read
        content_version.bump()


for model in (SiteSettings, AlertBanner):
    post_save.connect(settings_saved, sender=model, dispatch_uid=f"content_version_{model.__name__}")


# The glossary is read on every page with rich text: cached, and dropped when staff change a term.
# Pages cached whole carry its links, so a change to it is a change of content too.
def glossary_changed(**kwargs):
    clear_glossary_cache()
    content_version.bump()


post_save.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid="glossary_changed_save")
post_delete.connect(glossary_changed, sender=GlossaryTerm, dispatch_uid="glossary_changed_delete")

# The accessibility statement lists the known issues; a cached copy must not outlive a change.
post_save.connect(content_version.bump, sender=KnownAccessibilityIssue, dispatch_uid="known_issue_saved")
post_delete.connect(content_version.bump, sender=KnownAccessibilityIssue, dispatch_uid="known_issue_deleted")


def bump_now_and_on_commit(**kwargs):
    """For changes that must never be missed (a page made private, a site moved): bump at once,
    and again when the transaction commits, in case another request cached the old rows meanwhile."""
    content_version.bump()
    transaction.on_commit(content_version.bump)


for model in (PageViewRestriction, Site):
    for name, signal in (("save", post_save), ("delete", post_delete)):
        signal.connect(bump_now_and_on_commit, sender=model, dispatch_uid=f"content_version_{model.__name__}_{name}")
