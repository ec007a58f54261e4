"""Who sees which consultation responses: those who hold the response permissions for a partnership's site
(its coordinators group, stp_site/partnerships) see, add, correct and delete the responses to that site's
exercises only; superusers every site's. Everyone else none. Every admin view and the CSV export ask this."""

from wagtail.permission_policies import ModelPermissionPolicy

from stp_site.core.site_permissions import holds_anywhere, on_sites_where

from .models import ConsultationPage, ConsultationResponse


class ResponsePermissionPolicy(ModelPermissionPolicy):
    def __init__(self):
        super().__init__(ConsultationResponse)

    def user_has_permission(self, user, action):
        return holds_anywhere(user, self._get_permission_name(action))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)

    def _on_their_sites(self, user, action, path_field="consultation__path"):
        return on_sites_where(user, self._get_permission_name(action), path_field=path_field)

    def consultations_for(self, user, action="view"):
        """The exercises whose responses `user` may see (or act on with `action`)."""
        if not self.user_has_permission(user, action):
            return ConsultationPage.objects.none()
        return ConsultationPage.objects.filter(self._on_their_sites(user, action, path_field="path"))

    def user_has_permission_for_instance(self, user, action, instance):
        if not self.user_has_permission(user, action):
            return False
        return self.consultations_for(user, action).filter(pk=instance.consultation_id).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        allowed = [action for action in actions if self.user_has_permission(user, action)]
        if not allowed:
            return ConsultationResponse.objects.none()
        condition = self._on_their_sites(user, allowed[0])
        for action in allowed[1:]:
            condition |= self._on_their_sites(user, action)
        return ConsultationResponse.objects.filter(condition)


response_policy = ResponsePermissionPolicy()


def responses_for(user):
    return response_policy.instances_user_has_permission_for(user, "view")
