"""Shared builders for test data: published pages, images and documents, made with factory-boy and
wagtail-factories. Each app's own page and snippet factories are in tests/<app>/factories.py.

Every page factory takes `parent=` and publishes the page with a revision, as an editor would (the
public site reads live pages; the admin, feeds and search read their revisions). Pass `live=False` for a
draft: it is saved as a revision, never published.

    home = HomePageFactory(parent=Page.get_first_root_node())
    page = StandardPageFactory(parent=home, title="Help", listing_summary="How to get help.")
"""

import factory
import wagtail_factories
from factory.django import DjangoModelFactory

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection


def publish(parent, page):
    """Add `page` under `parent` and publish it, as an editor would (a revision, then publish)."""
    parent.add_child(instance=page)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


class PageFactory(wagtail_factories.PageFactory):
    """A page under `parent`, published with a revision unless `live=False` (then a saved draft)."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda number: f"Page {number}")
    live = True

    @classmethod
    def _create_instance(cls, model_class, parent, kwargs):
        live = kwargs.pop("live")
        page = model_class(live=live, **kwargs)
        if parent is None:
            raise ValueError(f"{cls.__name__} needs parent= (the page it goes under)")
        parent.add_child(instance=page)
        revision = page.save_revision()
        if live:
            revision.publish()
        page.refresh_from_db()
        return page


def root_collection():
    return Collection.get_first_root_node()


class ImageFactory(DjangoModelFactory):
    """A real JPEG in the image library (800x450, NHS blue unless told otherwise)."""

    class Meta:
        model = get_image_model()

    title = "Test image"
    collection = factory.LazyFunction(root_collection)
    file = factory.django.ImageField(filename="test.jpg", format="JPEG", width=800, height=450, color=(0, 94, 184))


class DocumentFactory(DjangoModelFactory):
    """A PDF-looking file of `size` bytes in the document library, with its size and hash worked out."""

    class Meta:
        model = get_document_model()

    class Params:
        size = 1024
        extension = "pdf"

    title = "Test document"
    collection = factory.LazyFunction(root_collection)
    file = factory.LazyAttribute(
        lambda o: ContentFile(b"%PDF-1.4\n" + b"0" * (o.size - 9), name=f"test.{o.extension}")
    )

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        document = model_class(**kwargs)
        document._set_document_file_metadata()
        document.save()
        return document


def make_image(title="Test image", size=(800, 450), colour=(0, 94, 184)):
    width, height = size
    return ImageFactory(title=title, file__width=width, file__height=height, file__color=colour)


def make_document(title="Test document", size=1024, extension="pdf"):
    return DocumentFactory(title=title, size=size, extension=extension)
