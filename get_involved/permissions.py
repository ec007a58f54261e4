"""Who sees which sign-ups: a coordinator only those of the groups they coordinate; an administrator
(a superuser) all of them; everyone else none.

Every admin view, export, report and dashboard panel that touches sign-ups asks this policy, so the
rule lives in one place. Equality answers are never shown one by one to anyone (docs/data-protection.md).
"""

from wagtail.permission_policies import ModelPermissionPolicy

from .models import ReferenceGroupPage, SignUp


class SignUpPermissionPolicy(ModelPermissionPolicy):
    def __init__(self):
        super().__init__(SignUp)

    @staticmethod
    def _sees_every_group(user):
        return user.is_active and user.is_superuser

    def groups_for(self, user):
        """The reference groups whose sign-ups `user` may see."""
        if not self.user_has_permission(user, "view"):
            return ReferenceGroupPage.objects.none()
        if self._sees_every_group(user):
            return ReferenceGroupPage.objects.all()
        return ReferenceGroupPage.objects.filter(coordinators=user)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return self._sees_every_group(user) or self.groups_for(user).filter(pk=instance.group_id).exists()

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return SignUp.objects.none()
        if self._sees_every_group(user):
            return SignUp.objects.all()
        return SignUp.objects.filter(group__coordinators=user)


sign_up_policy = SignUpPermissionPolicy()


def sign_ups_for(user):
    """The sign-ups `user` may see."""
    return sign_up_policy.instances_user_has_permission_for(user, "view")
