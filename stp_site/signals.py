from django.db.models.signals import post_delete, post_save

from wagtail.signals import page_published, page_unpublished, post_page_move

from .chrome import clear_chrome
from .glossary import clear_glossary_cache
from .models import AlertBanner, GlossaryTerm, SiteSettings

for signal in (page_published, page_unpublished, post_page_move):
    signal.connect(clear_chrome, dispatch_uid=f"clear_chrome_{signal!r}")
post_delete.connect(clear_chrome, sender="wagtailcore.Page", dispatch_uid="clear_chrome_page_delete")
for model in (SiteSettings, AlertBanner):
    post_save.connect(clear_chrome, sender=model, dispatch_uid=f"clear_chrome_{model.__name__}")

# The glossary is read on every page with rich text: cached, and dropped when staff change a term.
post_save.connect(clear_glossary_cache, sender=GlossaryTerm, dispatch_uid="clear_glossary_save")
post_delete.connect(clear_glossary_cache, sender=GlossaryTerm, dispatch_uid="clear_glossary_delete")
