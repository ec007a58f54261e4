"""Which hosts are merged is cached per content version (middleware.py): a merge record made or removed
outside run_merge (which bumps it itself), say in a shell to undo a merge, must make that stale too."""

from django.db.models.signals import post_delete, post_save

from stp_site.core import content_version

from .models import SiteMerge

post_save.connect(content_version.bump, sender=SiteMerge, dispatch_uid="site_merge_saved")
post_delete.connect(content_version.bump, sender=SiteMerge, dispatch_uid="site_merge_deleted")
