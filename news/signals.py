"""A new news index gets the publishing groups' permissions and the approval workflow straight away."""

from django.db.models.signals import post_save

from .models import NewsIndexPage
from .publishing import ensure_publishing_setup


def set_up_publishing(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_publishing_setup(instance)


post_save.connect(set_up_publishing, sender=NewsIndexPage, dispatch_uid="news_index_publishing_setup")
