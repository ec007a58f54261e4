"""The publication scheme (Freedom of Information Act 2000, section 19): what we publish, in the seven
classes of the Information Commissioner's model publication scheme, and how to ask for anything else.

    /how-we-are-run/publication-scheme/     PublicationSchemePage

Nothing on it is typed in twice. Staff put things in a class where they already edit them:

- a page: its Promote tab, "Publication scheme" (a `PublicationSchemeClass` row, a ParentalKey on
  Wagtail's Page, so every page type has it and it is saved, drafted and published with the page);
- a document: its tags, with the class's name as the tag ("How we make decisions"), in the document
  library's own edit form. It is listed on the scheme of each site whose published pages use it (the
  document's "Usage"), so one partnership's documents never show on another's scheme;
- a page type that always belongs in one class says so (`publication_scheme_class`): the meetings
  page is in "How we make decisions", the registers in "Lists and registers".
"""

import operator
from functools import reduce

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import CharField, Q
from django.db.models.functions import Cast

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.documents import get_document_model
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, ReferenceIndex, get_page_models
from wagtail.search import index

from stp_site.core.blocks import SHORT_TEXT_FEATURES
from stp_site.core.content_version import cached
from stp_site.core.models import BasePage
from stp_site.core.view_restrictions import private_q

WHO_WE_ARE = "who_we_are"
WHAT_WE_SPEND = "what_we_spend"
PRIORITIES = "priorities"
HOW_WE_DECIDE = "how_we_decide"
POLICIES = "policies"
LISTS_AND_REGISTERS = "lists_and_registers"
SERVICES = "services"

# The ICO's seven classes, in its order. A document's tag is the name, in any case.
ICO_CLASSES = [
    (WHO_WE_ARE, "Who we are and what we do"),
    (WHAT_WE_SPEND, "What we spend and how we spend it"),
    (PRIORITIES, "What our priorities are and how we are doing"),
    (HOW_WE_DECIDE, "How we make decisions"),
    (POLICIES, "Our policies and procedures"),
    (LISTS_AND_REGISTERS, "Lists and registers"),
    (SERVICES, "The services we offer"),
]
CLASS_NAMES = dict(ICO_CLASSES)


class PublicationSchemeClass(Orderable):
    """A page's place in the publication scheme: the class it is listed in (a page may be in more than one)."""

    page = ParentalKey("wagtailcore.Page", on_delete=models.CASCADE, related_name="publication_scheme_classes")
    ico_class = models.CharField("class", max_length=30, choices=ICO_CLASSES)

    panels = [FieldPanel("ico_class")]

    class Meta(Orderable.Meta):
        verbose_name = "publication scheme class"
        constraints = [models.UniqueConstraint(fields=["page", "ico_class"], name="one_of_each_class_per_page")]

    def __str__(self):
        return CLASS_NAMES.get(self.ico_class, self.ico_class)


class PublicationSchemePage(BasePage):
    """What we publish under the Freedom of Information Act, by the ICO's classes, and how to ask for more."""

    template = "pages/publication_scheme_page.html"
    parent_page_types = ["governance.GovernancePage"]
    subpage_types = []
    max_count_per_parent = 1

    intro = RichTextField(
        features=SHORT_TEXT_FEATURES,
        blank=True,
        help_text="A few plain sentences about what the page is for. To list a page here, open it and choose a "
        "class in its Promote tab. To list a document, give it a tag that is the class's name, for example "
        "'How we make decisions'.",
    )
    foi_email = models.EmailField(
        "email for requests",
        blank=True,
        help_text="Where Freedom of Information requests go. Leave blank to use the email in the site settings.",
    )

    content_panels = BasePage.content_panels + [FieldPanel("intro"), FieldPanel("foi_email")]
    search_fields = BasePage.search_fields + [index.SearchField("intro")]

    class Meta:
        verbose_name = "publication scheme"
        verbose_name_plural = "publication schemes"

    def get_context(self, request, *args, **kwargs):
        """Adds `classes`: each ICO class in order, as {"key", "name", "pages", "documents"}, with what this
        site publishes in it; and `contents` (the "On this page" links: each class, then the FOI request)."""
        context = super().get_context(request, *args, **kwargs)
        classes = cached(f"publication_scheme:{self.site_root_path}", lambda: scheme_classes(self.site_root_path))
        context["classes"] = classes
        context["contents"] = [{"anchor": item["key"], "label": item["name"]} for item in classes] + [
            {"anchor": "foi-request", "label": "Ask us for information"}
        ]
        return context


# --- What is in each class -----------------------------------------------------------------------------


def _published_pages(site_root_path):
    return Page.objects.live().filter(path__startswith=site_root_path).exclude(private_q())


def tagged_pages(site_root_path):
    """(class, page) for each published page of the site that staff put in a class, and each published
    page of a type that is always in one (the meetings page, the registers)."""
    found = [
        (tag.ico_class, tag.page)
        for tag in PublicationSchemeClass.objects.filter(page__in=_published_pages(site_root_path))
        .select_related("page")
        .order_by("page__title")
    ]
    for model in get_page_models():
        ico_class = getattr(model, "publication_scheme_class", None)
        if ico_class and not model._meta.abstract:
            found += [(ico_class, page) for page in _published_pages(site_root_path).exact_type(model)]
    return found


def tagged_documents(site_root_path):
    """(class, document) for each document tagged with a class's name that the site's published pages use."""
    Document = get_document_model()
    page_ids = _published_pages(site_root_path).annotate(id_text=Cast("pk", CharField())).values("id_text")
    used = ReferenceIndex.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=page_ids,
        to_content_type=ContentType.objects.get_for_model(Document),
    ).values_list("to_object_id", flat=True)
    by_name = {name.lower(): key for key, name in ICO_CLASSES}
    documents = (
        Document.objects.filter(pk__in=[int(pk) for pk in used if pk.isdigit()])
        .filter(reduce(operator.or_, (Q(tags__name__iexact=name) for _, name in ICO_CLASSES)))
        .prefetch_related("tags")
        .distinct()
        .order_by("title")
    )
    return [
        (by_name[tag.name.lower()], document)
        for document in documents
        for tag in document.tags.all()
        if tag.name.lower() in by_name
    ]


def scheme_classes(site_root_path):
    """Every ICO class in order, each with its pages and documents on this site (by title), no page twice."""
    classes = {key: {"key": key, "name": name, "pages": [], "documents": []} for key, name in ICO_CLASSES}
    seen = set()
    for ico_class, page in sorted(tagged_pages(site_root_path), key=lambda found: found[1].title.lower()):
        if (ico_class, page.pk) not in seen:
            seen.add((ico_class, page.pk))
            classes[ico_class]["pages"].append(page)
    for ico_class, document in tagged_documents(site_root_path):
        classes[ico_class]["documents"].append(document)
    return list(classes.values())
