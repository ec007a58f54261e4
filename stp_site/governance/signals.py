"""Keeping what meeting pages show up to date.

- A change to the papers' and minutes' deadlines changes what meeting pages say ("papers by ..."):
  every cached copy must go.
- The publication scheme lists documents by their tags: a document saved, deleted or tagged changes it.
- A meeting held in common is shown on the second site as a Wagtail alias, which Wagtail keeps in step
  with the original when it is published, but not its new child pages. So a paper (or the minutes)
  published under a meeting that has copies is copied (aliased) under each of them, once; Wagtail then
  keeps each copy in step, and unpublishes it with the original.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.documents import get_document_model
from wagtail.models import Page
from wagtail.signals import page_published

from stp_site.core import content_version
from stp_site.core.signals import settings_saved

from .models import GovernanceSettings, PaperPage

post_save.connect(settings_saved, sender=GovernanceSettings, dispatch_uid="content_version_GovernanceSettings")

Document = get_document_model()
for name, signal in (("save", post_save), ("delete", post_delete)):
    signal.connect(content_version.bump, sender=Document, dispatch_uid=f"content_version_document_{name}")
m2m_changed.connect(content_version.bump, sender=Document.tags.through, dispatch_uid="content_version_document_tags")


def alias_paper_under_meeting_copies(sender, instance, **kwargs):
    paper = instance
    if paper.alias_of_id:
        return
    meeting = paper.get_parent()
    for copy in Page.objects.filter(alias_of_id=meeting.pk):
        children = copy.get_children()
        if not children.filter(alias_of_id=paper.pk).exists() and not children.filter(slug=paper.slug).exists():
            paper.create_alias(parent=copy)


page_published.connect(alias_paper_under_meeting_copies, sender=PaperPage, dispatch_uid="alias_new_papers")
