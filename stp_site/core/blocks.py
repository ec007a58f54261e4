"""StreamField blocks shared by every page type. Each block has one template under
templates/components/streamfield/blocks/ and is defined only here; blocks that one app alone uses
live in that app's blocks.py."""

from django.core.exceptions import ValidationError
from django.forms.utils import ErrorList

from wagtail import blocks
from wagtail.contrib.table_block.blocks import TableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock

from .page_urls import local_url, url_from_site

RICH_TEXT_FEATURES = ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
SHORT_TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]


class LinkStructValue(blocks.StructValue):
    """The link's address, whichever of page or URL the editor chose."""

    def href(self, site=None):
        """The address as `site` links to it (templates use {% pageurl %} for a page instead)."""
        page = self.get("page")
        if page:
            return url_from_site(page, site) if site else local_url(page)
        return self.get("url") or ""


class LinkBlock(blocks.StructBlock):
    """A plain link to a page of this site or any address, e.g. in the footer."""

    title = blocks.CharBlock(max_length=60)
    page = blocks.PageChooserBlock(required=False)
    url = blocks.CharBlock(required=False, max_length=300, help_text="A web address or a path such as /privacy/.")

    class Meta:
        icon = "link"
        value_class = LinkStructValue


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        template = "components/streamfield/blocks/rich_text.html"


class InsetTextBlock(blocks.StructBlock):
    body = RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "info-circle"
        template = "components/streamfield/blocks/inset_text.html"
        description = "Highlights a piece of information residents should not miss (NHS inset text)."
        preview_value = {"body": "<p>You can ask for this information in large print or easy read.</p>"}


class WarningCalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(default="Important", max_length=100)
    body = RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        template = "components/streamfield/blocks/warning_callout.html"
        description = "Warns residents about something they must know (NHS warning callout)."
        preview_value = {"title": "Important", "body": "<p>In an emergency, call 999.</p>"}


class DetailsBlock(blocks.StructBlock):
    summary = blocks.CharBlock(max_length=120, help_text="The question or label residents click to open it.")
    body = RichTextBlock(features=SHORT_TEXT_FEATURES)

    class Meta:
        icon = "collapse-down"
        template = "components/streamfield/blocks/details.html"
        description = "Hides detail that only some residents need until they open it (NHS details)."
        preview_value = {"summary": "Who can join?", "body": "<p>Anyone who lives in the area.</p>"}


class ActionLinkBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=80, help_text="Say what happens, for example 'Join a group'.")
    page = blocks.PageChooserBlock(required=False)
    url = blocks.URLBlock(required=False, help_text="Only if the link goes to another website.")

    def clean(self, value):
        value = super().clean(value)
        if bool(value.get("page")) == bool(value.get("url")):
            message = "Choose a page or enter a web address, not both."
            raise blocks.StructBlockValidationError(
                block_errors={"page": ErrorList([message]), "url": ErrorList([message])}
            )
        return value

    class Meta:
        icon = "link"
        template = "components/streamfield/blocks/action_link.html"
        value_class = LinkStructValue
        description = "A prominent link to the next thing residents should do (NHS action link)."


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock()
    alt_text = blocks.CharBlock(
        required=False,
        max_length=250,
        help_text="Describe what the image shows for people who cannot see it.",
    )
    decorative = blocks.BooleanBlock(
        required=False, help_text="Tick only if the image adds nothing to the words around it."
    )
    caption = blocks.CharBlock(required=False, max_length=250)

    def clean(self, value):
        value = super().clean(value)
        if not value.get("decorative") and not (value.get("alt_text") or "").strip():
            raise blocks.StructBlockValidationError(
                block_errors={"alt_text": ErrorList(["Add alt text, or tick 'decorative' if the image adds nothing."])}
            )
        return value

    class Meta:
        icon = "image"
        template = "components/streamfield/blocks/image.html"
        description = "An image with alt text and an optional caption."


class DocumentLinkBlock(blocks.StructBlock):
    document = DocumentChooserBlock()
    title = blocks.CharBlock(required=False, max_length=200, help_text="Leave blank to use the document's title.")

    class Meta:
        icon = "doc-full"
        template = "components/streamfield/blocks/document_link.html"
        description = "A link to a document, showing its file type, size and date."


class TableBlockWithCaption(TableBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("table_options", {"contextMenu": True, "startRows": 3, "startCols": 2})
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if value and not (value.get("table_caption") or "").strip():
            raise ValidationError("Add a caption so screen reader users know what the table shows.")
        return value

    class Meta:
        icon = "table"
        template = "components/streamfield/blocks/table.html"
        description = "A table of facts, with a caption and a header row."


class BodyStreamBlock(blocks.StreamBlock):
    """The body of every content page."""

    rich_text = RichTextBlock()
    inset_text = InsetTextBlock()
    warning_callout = WarningCalloutBlock()
    details = DetailsBlock()
    action_link = ActionLinkBlock()
    image = ImageBlock()
    table = TableBlockWithCaption()
    document_link = DocumentLinkBlock()

    class Meta:
        template = "components/streamfield/body.html"
