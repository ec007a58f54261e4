"""Tools for building demo content from fixtures/demo/, and the loader for the partnership's own pages.

Every loader only creates what is missing, so running the command again changes nothing and never
overwrites what staff have edited.
"""

import json
from datetime import date
from functools import cache
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.images import ImageFile

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Site

FIXTURES = Path(settings.BASE_DIR) / "fixtures" / "demo"
REVIEWED = date(2026, 11, 1)
REVIEW_DUE = date(2027, 11, 1)


def read_fixture(name):
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def page_by_path(path):
    """The live page at a public path such as /our-work/, or None."""
    url_path = "/home" + ("/" + path.strip("/") if path.strip("/") else "") + "/"
    return Page.objects.filter(url_path=url_path).first()


def stream(blocks):
    """Convert the fixtures' simple block format to StreamField data for stp_site.blocks.BodyStreamBlock."""
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
            page = page_by_path(value["page"]) if value.get("page") else None
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


def load(stdout):
    """The partnership's own pages: home, vision, standard pages, and the site settings."""
    from .models import AlertBanner, SiteSettings, StandardPage, VisionPage

    home = ensure_home(stdout)

    site_data = read_fixture("site.json")
    site_settings = SiteSettings.load()
    if not site_settings.phone and not site_settings.email:
        site_settings.organisation_name = site_data["organisation_name"]
        site_settings.organisation_descriptor = site_data.get("organisation_descriptor", "")
        site_settings.phone = site_data.get("phone", "")
        site_settings.email = site_data.get("email", "")
        site_settings.address = site_data.get("address", "")
        site_settings.footer_links = [
            ("link", {"title": link["title"], "url": link["url"], "page": None}) for link in site_data["footer_links"]
        ]
        site_settings.social_links = [
            ("link", {"title": link["title"], "url": link["url"], "page": None})
            for link in site_data.get("social_links", [])
        ]
        site_settings.save()
    alert = AlertBanner.load()
    if not alert.title and site_data.get("alert_banner"):
        banner = site_data["alert_banner"]
        alert.title = banner["title"]
        alert.body = banner["body"]
        alert.starts_at = f"{banner['start']}T00:00:00Z" if banner.get("start") else None
        alert.ends_at = f"{banner['end']}T00:00:00Z" if banner.get("end") else None
        alert.save()

    vision = read_fixture("vision.json")
    ensure_child(
        home,
        VisionPage,
        vision["slug"],
        vision_statement=vision["vision_statement"],
        body=stream(vision["body"]),
        show_in_menus=True,
        **common_fields(vision),
    )
    for data in read_fixture("standard_pages.json"):
        ensure_child(home, StandardPage, data["slug"], body=stream(data["body"]), **common_fields(data))

    # Partners come before the programmes (a later loader), so programme pages can name them.
    load_partners(stdout)


def load_partners(stdout):
    """The partners page and one page per partner organisation, from fixtures/demo/partners.json."""
    from .models import PartnerIndexPage, PartnerPage

    home = ensure_home(stdout)
    data = read_fixture("partners.json")
    index_data = data["index"]
    index, _ = ensure_child(
        home,
        PartnerIndexPage,
        index_data["slug"],
        intro=index_data.get("intro", ""),
        show_in_menus=True,
        **common_fields(index_data),
    )
    created = 0
    for partner in data["partners"]:
        _, is_new = ensure_child(
            index,
            PartnerPage,
            partner["slug"],
            partner_type=partner["partner_type"],
            who_they_are=partner.get("who_they_are", ""),
            role_in_partnership=partner.get("role_in_partnership", ""),
            area_served=partner.get("area_served", ""),
            website=partner.get("website", ""),
            phone=partner.get("phone", ""),
            email=partner.get("email", ""),
            strategic_objectives=[("objective", text) for text in partner.get("strategic_objectives", [])],
            **common_fields(partner),
        )
        created += is_new
    if created:
        stdout.write(f"Created {created} partner pages.")


def ensure_home(stdout):
    """Put the demo HomePage at the root of the default site, replacing Wagtail's welcome page."""
    from .models import HomePage

    home = HomePage.objects.first()
    if home is not None:
        return home
    data = read_fixture("home.json")
    root = Page.get_first_root_node()
    site = Site.objects.filter(is_default_site=True).first()
    # Wagtail's migration creates a placeholder page at the slug we need; remove it.
    for placeholder in root.get_children().filter(slug="home"):
        placeholder.delete()
    home = HomePage(
        slug="home",
        hero_heading=data["hero_heading"],
        hero_text=data.get("hero_text", ""),
        vision_in_brief=data.get("vision_in_brief", ""),
        seo_title=data.get("seo_title", ""),
        last_reviewed=REVIEWED,
        next_review_due=REVIEW_DUE,
        **common_fields(data),
    )
    root.add_child(instance=home)
    home.save_revision().publish()
    if site is None:
        Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True, site_name="")
    else:
        site.root_page = home
        site.save()
    stdout.write("Created the home page.")
    return home
