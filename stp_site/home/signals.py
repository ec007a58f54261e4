from django.db.models.signals import post_delete, post_save

from stp_site.core import content_version

from .models import KnownAccessibilityIssue

# The accessibility statement lists the known issues; a cached copy must not outlive a change.
post_save.connect(content_version.bump, sender=KnownAccessibilityIssue, dispatch_uid="known_issue_saved")
post_delete.connect(content_version.bump, sender=KnownAccessibilityIssue, dispatch_uid="known_issue_deleted")
