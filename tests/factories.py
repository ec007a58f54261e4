"""Small builders for test data: real rows, real files."""

import io

from PIL import Image as PILImage

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model


def make_image(title="Test image", size=(800, 450), colour=(0, 94, 184)):
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "JPEG")
    image = get_image_model()(title=title, file=ImageFile(buffer, name="test.jpg"))
    image.save()
    return image


def make_document(title="Test document", size=1024, extension="pdf"):
    document = get_document_model()(title=title)
    document.file.save(f"test.{extension}", ContentFile(b"%PDF-1.4\n" + b"0" * (size - 9)), save=False)
    document._set_document_file_metadata()
    document.save()
    return document
