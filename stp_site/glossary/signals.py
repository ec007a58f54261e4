from django.db.models.signals import post_delete, post_save

from stp_site.core import content_version

from .models import GlossaryTerm

# Pages carry the glossary's links, and the glossary page lists every term: a change to a term is a
# change of content.
post_save.connect(content_version.bump, sender=GlossaryTerm, dispatch_uid="glossary_term_saved")
post_delete.connect(content_version.bump, sender=GlossaryTerm, dispatch_uid="glossary_term_deleted")
