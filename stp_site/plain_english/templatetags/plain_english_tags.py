from django import template

from stp_site.plain_english import readability
from stp_site.plain_english.models import ReadabilitySettings

register = template.Library()


@register.simple_tag
def readability_report(page):
    """The plain-English check for a page (used in previews, for editors only)."""
    parent = page.get_parent() if page.pk is None else None
    settings = ReadabilitySettings.for_page(page, parent)
    limit = settings.enforced_limit_for(page=page, parent=parent)
    return readability.check_page(page, target=limit if limit is not None else settings.target_reading_age)
