"""A change to the papers' and minutes' deadlines changes what meeting pages say ("papers by ..."): every
cached copy must go."""

from django.db.models.signals import post_save

from stp_site.core.signals import settings_saved

from .models import GovernanceSettings

post_save.connect(settings_saved, sender=GovernanceSettings, dispatch_uid="content_version_GovernanceSettings")
