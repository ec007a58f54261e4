"""Settings → Groups: the permissions a group holds on one partnership's site only (GroupSitePermission)
for what is kept per site and is not a site setting: sign-ups, the equality summary, glossary terms and
known accessibility issues. Wagtail's own panels show the site settings' ones; without this panel these
would be set (by add_partnership) but nowhere to be seen or changed in the admin."""

from django import forms
from django.contrib.auth.models import Permission
from django.db.models import Q
from django.template.loader import render_to_string

from wagtail.models import GroupSitePermission, Site

from .staff_groups import site_label

PER_SITE = [
    ("get_involved", "view_signup"),
    ("get_involved", "add_signup"),
    ("get_involved", "change_signup"),
    ("get_involved", "delete_signup"),
    ("get_involved", "view_publicquestion"),
    ("get_involved", "change_publicquestion"),
    ("get_involved", "delete_publicquestion"),
    ("get_involved", "view_equality_summary"),
    ("email_updates", "view_subscriber"),
    ("glossary", "add_glossaryterm"),
    ("glossary", "change_glossaryterm"),
    ("glossary", "delete_glossaryterm"),
    ("home", "add_knownaccessibilityissue"),
    ("home", "change_knownaccessibilityissue"),
    ("home", "delete_knownaccessibilityissue"),
]


class SitePermissionsForm(forms.Form):
    template_name = "partnerships/site_permissions_panel.html"

    permissions = forms.MultipleChoiceField(
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="On one site only",
        help_text="Each counts on that partnership's site and no other.",
    )

    def __init__(self, data=None, files=None, instance=None, prefix="partnership_site_permissions"):
        self.instance = instance
        wanted = Q(pk__in=[])
        for app_label, codename in PER_SITE:
            wanted |= Q(content_type__app_label=app_label, codename=codename)
        order = {codename: index for index, (_, codename) in enumerate(PER_SITE)}
        self.managed = sorted(Permission.objects.filter(wanted), key=lambda each: order[each.codename])
        initial = [self._key(row.site_id, row.permission_id) for row in self._existing()]
        super().__init__(data, files, prefix=prefix, initial={"permissions": initial})
        self.fields["permissions"].choices = [
            (self._key(site.pk, each.pk), f"{site_label(site)}: {each.name}")
            for site in Site.objects.order_by("site_name", "hostname")
            for each in self.managed
        ]

    @staticmethod
    def _key(site_id, permission_id):
        return f"{site_id}-{permission_id}"

    def _existing(self):
        if self.instance is None or self.instance.pk is None:
            return GroupSitePermission.objects.none()
        return GroupSitePermission.objects.filter(group=self.instance, permission__in=self.managed)

    def save(self):
        """Add the ticked ones and remove the unticked ones; nothing else of the group's is touched."""
        wanted = set(self.cleaned_data["permissions"])
        existing = {self._key(row.site_id, row.permission_id): row for row in self._existing()}
        for key in wanted - existing.keys():
            site_id, permission_id = (int(part) for part in key.split("-"))
            GroupSitePermission.objects.create(group=self.instance, site_id=site_id, permission_id=permission_id)
        for key in existing.keys() - wanted:
            existing[key].delete()

    def as_admin_panel(self):
        return render_to_string(
            self.template_name,
            {"form": self, "heading": "Permissions on one partnership's site", "panel_id": "partnership-sites"},
        )
