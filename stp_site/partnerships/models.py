"""What `ensure_partnership` made for each partnership's site, so that running it again finds the same
groups, collection and workflow even after staff have renamed them (staff_groups.py)."""

from django.contrib.auth.models import Group
from django.db import models

from wagtail.models import Collection, Site, Workflow


class Partnership(models.Model):
    """One partnership's site and its staff groups. Made by `manage.py add_partnership`; staff never edit it."""

    site = models.OneToOneField(Site, on_delete=models.CASCADE, related_name="partnership")
    collection = models.ForeignKey(
        Collection, null=True, on_delete=models.SET_NULL, related_name="+", help_text="Its images and documents."
    )
    shared_collection = models.ForeignKey(
        Collection,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Images and documents every partnership may choose (the same for all).",
    )
    comms_editors = models.ForeignKey(Group, null=True, on_delete=models.SET_NULL, related_name="+")
    approvers = models.ForeignKey(Group, null=True, on_delete=models.SET_NULL, related_name="+")
    coordinators = models.ForeignKey(Group, null=True, on_delete=models.SET_NULL, related_name="+")
    equality_monitoring = models.ForeignKey(Group, null=True, on_delete=models.SET_NULL, related_name="+")
    cluster_administrators = models.ForeignKey(
        Group, null=True, on_delete=models.SET_NULL, related_name="+", help_text="The same group for all."
    )
    workflow = models.ForeignKey(Workflow, null=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = "partnership"

    def __str__(self):
        return self.site.site_name or self.site.hostname
