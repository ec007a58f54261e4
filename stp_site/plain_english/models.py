"""How strict the plain-English check is, set by each partnership's staff for their own site."""

from django.db import models

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.models import Site


@register_setting(icon="doc-full")
class ReadabilitySettings(BaseSiteSetting):
    """How strict the plain-English check is. It always advises; for one section it can also require a
    reason before a page above the target reading age is published."""

    target_reading_age = models.PositiveSmallIntegerField(
        default=11, help_text="Pages above this reading age are flagged to editors. NHS.UK aims for 9 to 11."
    )
    enforced_section = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="A section (this page and every page under it) where the check is enforced.",
    )
    enforced_max_reading_age = models.PositiveSmallIntegerField(
        default=11, help_text="In that section, publishing a page above this reading age needs a reason."
    )
    enforce = models.BooleanField(
        default=False,
        help_text="Tick to ask for a reason before publishing above the reading age in that section. "
        "The reason is kept in the page history.",
    )

    panels = [
        FieldPanel("target_reading_age"),
        MultiFieldPanel(
            [FieldPanel("enforce"), FieldPanel("enforced_section"), FieldPanel("enforced_max_reading_age")],
            heading="Enforce in one section",
        ),
    ]

    class Meta:
        verbose_name = "plain English check"

    @classmethod
    def for_page(cls, page=None, parent=None):
        """The settings of the site `page` is on (or, for a page not saved yet, the site of `parent`)."""
        anchor = page if page is not None and page.pk else parent
        site = anchor.get_site() if anchor is not None else None
        site = site or Site.objects.filter(is_default_site=True).first()
        return cls.for_site(site) if site is not None else cls()

    def enforced_limit_for(self, page=None, parent=None):
        """The reading age above which publishing needs a reason, or None where the check only advises."""
        if not (self.enforce and self.enforced_section_id):
            return None
        section_path = self.enforced_section.path
        path = page.path if page is not None and page.pk else (parent.path if parent is not None else "")
        return self.enforced_max_reading_age if path and path.startswith(section_path) else None
