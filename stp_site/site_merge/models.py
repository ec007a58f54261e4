"""The record of a merge: which site was merged into which, when and by whom. Its existence is what
makes the merged site's host answer with redirects (middleware.py)."""

from django.conf import settings
from django.db import models

from wagtail.models import Site


class SiteMerge(models.Model):
    source = models.OneToOneField(
        Site,
        on_delete=models.CASCADE,
        related_name="merged_into",
        help_text="The site that was merged. Its host now redirects to the target.",
    )
    # PROTECT: the source's redirects lead to the target's pages, so the target cannot be deleted first.
    target = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="merged_from")
    merged_at = models.DateTimeField(auto_now_add=True)
    merged_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    # Counts only (pages moved, renamed, removed; redirects made): never personal data.
    summary = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-merged_at"]
        verbose_name = "site merge"
        # Only "add": a merge is made once and kept as a record, never edited.
        default_permissions = ("add",)

    def __str__(self):
        source, target = self.source, self.target
        return f"{source.site_name or source.hostname} merged into {target.site_name or target.hostname}"
