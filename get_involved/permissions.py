"""Who sees which sign-ups and questions to meetings (QuestionPermissionPolicy, at the end).

Sign-ups: a coordinator only those of the groups they coordinate, on the partnerships' sites they
coordinate for; an administrator (a superuser) all of them; everyone else none.

A coordinator needs both: the sign-up permissions for the group's site, and to be named on the group's
page (Sign-up emails → Coordinators). Each partnership's "coordinators" group holds the permissions for
its own site only (a GroupSitePermission, stp_site/partnerships); the older "Reference group coordinators"
group (migration 0002) holds them for every site. Every admin view, export, report and dashboard panel
that touches sign-ups asks this policy, so the rule lives in one place. Equality answers are never shown
one by one to anyone (docs/data-protection.md).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from stp_site.core.site_permissions import holds_anywhere, on_sites_where

from .models import PublicQuestion, ReferenceGroupPage, SignUp


class SignUpPermissionPolicy(ModelPermissionPolicy):
    def __init__(self):
        super().__init__(SignUp)

    @staticmethod
    def _sees_every_group(user):
        return user.is_active and user.is_superuser

    def user_has_permission(self, user, action):
        return holds_anywhere(user, self._get_permission_name(action))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def groups_for(self, user, action="view"):
        """The reference groups whose sign-ups `user` may see (or act on with `action`)."""
        if not self.user_has_permission(user, action):
            return ReferenceGroupPage.objects.none()
        if self._sees_every_group(user):
            return ReferenceGroupPage.objects.all()
        on_their_sites = on_sites_where(user, self._get_permission_name(action))
        return ReferenceGroupPage.objects.filter(on_their_sites, coordinators=user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return self._sees_every_group(user) or self.groups_for(user, action).filter(pk=instance.group_id).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return SignUp.objects.none()
        if self._sees_every_group(user):
            return SignUp.objects.all()
        groups = ReferenceGroupPage.objects.none()
        for action in actions:
            groups |= self.groups_for(user, action)
        return SignUp.objects.filter(group__in=groups)


sign_up_policy = SignUpPermissionPolicy()


def sign_ups_for(user):
    """The sign-ups `user` may see."""
    return sign_up_policy.instances_user_has_permission_for(user, "view")


class QuestionPermissionPolicy(ModelPermissionPolicy):
    """Questions to meetings: those who hold the question permissions for a partnership's site (its
    coordinators group) see and answer the questions to that site's meetings; superusers every site's."""

    def __init__(self):
        super().__init__(PublicQuestion)

    def user_has_permission(self, user, action):
        if action == "add":
            return False  # residents send questions through the meeting's form; staff answer them
        return holds_anywhere(user, self._get_permission_name(action))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def _on_their_sites(self, user, action):
        return on_sites_where(user, self._get_permission_name(action), path_field="meeting__path")

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return PublicQuestion.objects.filter(self._on_their_sites(user, action), pk=instance.pk).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        if not allowed:
            return PublicQuestion.objects.none()
        condition = self._on_their_sites(user, allowed[0])
        for action in allowed[1:]:
            condition |= self._on_their_sites(user, action)
        return PublicQuestion.objects.filter(condition)


question_policy = QuestionPermissionPolicy()
