"""Tools for building demo content from fixtures/demo/. Each app's demo.py uses them to build its part.

The demo has two partnerships, each a Wagtail Site with its own home page (fixtures/demo/partnerships.json);
each one's content is in fixtures/demo/<its fixtures directory>/, and the images are shared. Every
loader is called once per partnership with a `Partnership`, and only creates what is missing, so
running the command again changes nothing and never overwrites what staff have edited.
"""

import json
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

from .sites import default_site

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "demo"
REVIEWED = date(2026, 11, 1)
REVIEW_DUE = date(2027, 11, 1)


def read_fixture(name):
    """A fixture shared by every partnership (images.json, partnerships.json, shared.json)."""
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


@dataclass
class Partnership:
    """One demo partnership: where its fixtures are, and its site once the home loader has made it."""

    fixtures: str
    site_name: str
    hostname: str
    home_slug: str
    default: bool = False
    site: Site | None = None

    @property
    def directory(self):
        return FIXTURES / self.fixtures

    def fixture(self, name):
        """This partnership's fixture `name`, or None when it has none (it then has no such section)."""
        path = self.directory / name
        return json.loads(path.read_text(encoding="utf-8")) if path.exists() else None

    @property
    def home(self):
        return self.site.root_page.specific if self.site else None

    def page(self, path):
        """This partnership's page at a public path such as /our-work/, or None."""
        return page_by_path(path, self.site)

    def with_site(self):
        """This partnership, with its site found (None before the home loader has made it)."""
        self.site = (
            Site.objects.filter(root_page__slug=self.home_slug, root_page__depth=2).select_related("root_page").first()
        )
        return self


def partnerships():
    return [Partnership(**item) for item in read_fixture("partnerships.json")]


def page_by_path(path, site=None):
    """The page at a public path such as /our-work/ on `site` (the default site if not given), or None."""
    site = site or default_site()
    if site is None:
        return None
    url_path = site.root_page.url_path + (path.strip("/") + "/" if path.strip("/") else "")
    return Page.objects.filter(url_path=url_path).first()


def stream(blocks, site=None):
    """Convert the fixtures' simple block format to StreamField data for stp_site.core.blocks.BodyStreamBlock."""
    converted = []
    for block in blocks:
        kind, value = block["type"], block["value"]
        if kind == "table":
            value = {
                "table_caption": value.get("caption", ""),
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "data": [value["header"], *value["rows"]],
            }
        elif kind == "action_link":
            page = page_by_path(value["page"], site) if value.get("page") else None
            value = {"text": value["text"], "page": page.pk if page else None, "url": value.get("url", "")}
            if not (value["page"] or value["url"]):
                continue  # the target page does not exist (yet): leave the link out rather than break it
        elif kind == "image":
            image = demo_image(value["image"])
            value = {**value, "image": image.pk}
        converted.append({"type": kind, "value": value})
    return converted


@cache
def _images():
    return {item["file"]: item for item in read_fixture("images.json")}


def demo_image(filename):
    """The demo image from fixtures/demo/images/, created in the image library on first use."""
    if not filename:
        return None
    Image = get_image_model()
    meta = _images().get(filename, {"title": filename, "alt": ""})
    image = Image.objects.filter(title=meta["alt"] or meta["title"]).first()
    if image is None:
        with open(FIXTURES / "images" / filename, "rb") as handle:
            image = Image(title=meta["alt"] or meta["title"], file=ImageFile(handle, name=filename))
            image.save()
    return image


def demo_document(title, filename, created=None):
    """A small demo PDF in the document library, made on first use."""
    Document = get_document_model()
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(filename, ContentFile(_minimal_pdf(title)), save=False)
        document._set_document_file_metadata()
        document.save()
        if created:
            Document.objects.filter(pk=document.pk).update(created_at=created)
            document.refresh_from_db()
    return document


def _minimal_pdf(text):
    """A valid one-page PDF showing the title, so demo document links have a real type and size."""
    safe = text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1", "replace")
    content = b"BT /F1 18 Tf 50 750 Td (" + safe + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(content)).encode() + b" >>\nstream\n" + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    pdf = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(pdf))
        pdf += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(pdf)
    pdf += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    pdf += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    pdf += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(pdf)


def ensure_child(parent, model, slug, publish_date=None, **fields):
    """The child page of `parent` with this slug, created and published if missing. Returns (page, created)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific, False
    fields.setdefault("last_reviewed", REVIEWED)
    fields.setdefault("next_review_due", REVIEW_DUE)
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    revision = page.save_revision()
    revision.publish()
    if publish_date:
        # Demo items keep the dates they were first published on the old site.
        Page.objects.filter(pk=page.pk).update(first_published_at=publish_date, last_published_at=publish_date)
        page.refresh_from_db()
    return page, True


def common_fields(data):
    """The BasePage fields every fixture page may give."""
    fields = {
        "title": data["title"],
        "listing_summary": data.get("summary", ""),
        "search_description": data.get("search_description", ""),
    }
    if data.get("image"):
        fields["listing_image"] = demo_image(data["image"])
    return fields


def ensure_section(parent, model, data, **fields):
    """A section's front page (a SectionPage: an introduction above its list) from fixture `data`, made
    if missing, as ensure_child does."""
    return ensure_child(parent, model, data["slug"], intro=data.get("intro", ""), **common_fields(data), **fields)


def share(stdout):
    """What one partnership writes once and the others show (fixtures/demo/shared.json): Wagtail aliases,
    kept in step with the original whenever it is published, that point search engines at it (the
    canonical link). Runs after every partnership's loaders."""
    shared = read_fixture("shared.json")
    by_fixtures = {item.fixtures: item for item in partnerships()}
    source = by_fixtures[shared["from"]].with_site()
    made = 0
    for target in (by_fixtures[name].with_site() for name in shared["to"]):
        if source.site is None or target.site is None:
            continue
        for section, slugs in (("/partners/", shared.get("partners", [])), ("/news/", shared.get("news", []))):
            parent = target.page(section)
            for slug in slugs:
                original = source.page(f"{section}{slug}/")
                if parent is None or original is None or parent.get_children().filter(slug=slug).exists():
                    continue
                original.specific.create_alias(parent=parent)
                made += 1
    if made:
        stdout.write(f"Shared {made} pages between the partnerships.")
