from django import template
from django.utils.safestring import mark_safe

from wagtail.models import Site
from wagtail.rich_text import expand_db_html

from stp_site.glossary.linking import link_glossary_terms
from stp_site.glossary.models import GlossaryPage

register = template.Library()


@register.simple_tag(takes_context=True)
def glossary_richtext(context, value):
    """Rich text with the first use of each glossary term on this page linked to the glossary."""
    html = value.__html__() if hasattr(value, "__html__") else expand_db_html(value or "")
    request = context.get("request")
    if request is None or isinstance(context.get("page"), GlossaryPage):
        return mark_safe(html)  # noqa: S308 - rich text is already safe HTML
    seen = getattr(request, "_glossary_seen", None)
    if seen is None:
        seen = request._glossary_seen = set()
    return link_glossary_terms(html, seen, Site.find_for_request(request))
