"""Giving the groups `add_partnership` made before a feature existed the permissions it gives new
partnerships' groups (staff_groups.py), from a data migration: each partnership's group on its own site
(a GroupSitePermission), and the cluster administrators in their own list (every site).

Only the groups its Partnership rows name are changed, and only by adding: nothing staff set in Settings
→ Groups is taken away. Uses the migration's historical models only (`apps`)."""


def grant(apps, app_label, model, codenames, groups, cluster_administrators=False):
    """Give `codenames` ({codename: the name Django gives it}) of `app_label.model` to each partnership's
    `groups` ("coordinators", "approvers"...) for its own site, and to the cluster administrators if asked."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    partnerships = list(apps.get_model("partnerships", "Partnership").objects.all())
    if not partnerships:
        return  # a new install: add_partnership gives them
    # Django makes a new model's permissions only after every migration has run.
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    for codename, name in codenames.items():
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type, codename=codename, defaults={"name": name}
        )
        for partnership in partnerships:
            for group_field in groups:
                group_id = getattr(partnership, f"{group_field}_id")
                if group_id is not None:
                    GroupSitePermission.objects.get_or_create(
                        group_id=group_id, site_id=partnership.site_id, permission=permission
                    )
        if cluster_administrators:
            administrators = {p.cluster_administrators_id for p in partnerships if p.cluster_administrators_id}
            for group in Group.objects.filter(pk__in=administrators):
                group.permissions.add(permission)
