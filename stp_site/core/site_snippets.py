"""Snippets that belong to one partnership's site (a `site` field), such as glossary terms and known
accessibility issues: staff list, choose, edit and delete only those of the sites they hold the
snippet's permissions for, by Wagtail's site permission rule (site_permissions.py). Another site's
snippet is "not found" at every address, and the form's `site` field offers only their own sites.

    class GlossaryTermViewSet(SiteSnippetViewSet):
        model = GlossaryTerm

    register_site_snippet(GlossaryTermViewSet)      # in the app's wagtail_hooks.py
"""

from django.http import Http404
from django.utils.functional import cached_property

from wagtail import hooks
from wagtail.permission_policies.sites import SitePermissionPolicy
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views import chooser, snippets

ANY_ACTION = ["add", "change", "delete", "view"]


def _policy(view):
    return view.model.snippet_viewset.permission_policy


class OnlyTheirSites:
    """The view of one snippet: another site's is "not found" (its existence is not told)."""

    def get_object(self, *args, **kwargs):
        instance = super().get_object(*args, **kwargs)
        if not _policy(self).user_has_any_permission_for_instance(self.request.user, ANY_ACTION, instance):
            raise Http404
        return instance


class SiteChoicesOfTheirOwn:
    """Adding or editing a snippet: its site can only be one this person may add (or change) it on."""

    def get_form(self, *args, **kwargs):
        form = super().get_form(*args, **kwargs)
        sites = list(_policy(self).sites_user_has_permission_for(self.request.user, self.permission_required))
        form.fields["site"].queryset = form.fields["site"].queryset.filter(pk__in=[site.pk for site in sites])
        if len(sites) == 1 and not form.initial.get("site"):
            form.initial["site"] = sites[0].pk  # one site of their own: chosen for them
        return form


class IndexView(snippets.IndexView):
    pass  # its queryset is the viewset's get_queryset


class CreateView(SiteChoicesOfTheirOwn, snippets.CreateView):
    pass


class CopyView(OnlyTheirSites, SiteChoicesOfTheirOwn, snippets.CopyView):
    pass


class EditView(OnlyTheirSites, SiteChoicesOfTheirOwn, snippets.EditView):
    pass


class DeleteView(OnlyTheirSites, snippets.DeleteView):
    pass


class UsageView(OnlyTheirSites, snippets.UsageView):
    pass


class HistoryView(OnlyTheirSites, snippets.HistoryView):
    pass


class InspectView(OnlyTheirSites, snippets.InspectView):
    pass


class ChooseOnlyTheirSites:
    def get_object_list(self):
        user = self.request.user
        return self.model_class.snippet_viewset.permission_policy.instances_user_has_any_permission_for(
            user, ANY_ACTION
        )


class ChooseView(ChooseOnlyTheirSites, chooser.ChooseView):
    pass


class ChooseResultsView(ChooseOnlyTheirSites, chooser.ChooseResultsView):
    pass


class ChosenView(chooser.SnippetChosenView):
    def get_object(self, pk):
        policy = self.model_class.snippet_viewset.permission_policy
        return policy.instances_user_has_any_permission_for(self.request.user, ANY_ACTION).get(pk=pk)


class ChosenMultipleView(chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        policy = self.model_class.snippet_viewset.permission_policy
        return policy.instances_user_has_any_permission_for(self.request.user, ANY_ACTION).filter(pk__in=pks)


class ChooserViewSet(chooser.SnippetChooserViewSet):
    choose_view_class = ChooseView
    choose_results_view_class = ChooseResultsView
    chosen_view_class = ChosenView
    chosen_multiple_view_class = ChosenMultipleView


class SiteSnippetViewSet(snippets.SnippetViewSet):
    """A snippet viewset for a model with a `site` foreign key, limited to each person's sites."""

    index_view_class = IndexView
    add_view_class = CreateView
    copy_view_class = CopyView
    edit_view_class = EditView
    delete_view_class = DeleteView
    usage_view_class = UsageView
    history_view_class = HistoryView
    inspect_view_class = InspectView
    chooser_viewset_class = ChooserViewSet

    @cached_property
    def permission_policy(self):
        return SitePermissionPolicy(self.model)

    def get_queryset(self, request):
        return self.permission_policy.instances_user_has_any_permission_for(request.user, ANY_ACTION)


class SiteSnippetDeleteBulkAction(DeleteBulkAction):
    """Deleting several at once from the listing: only those on the person's own sites are offered; the
    others are left out of the confirmation entirely (it would name them)."""

    def _their_snippets(self):
        return self.model.snippet_viewset.permission_policy.instances_user_has_any_permission_for(
            self.request.user, ANY_ACTION
        )

    def get_queryset(self, model, object_ids):
        snippets_of_theirs = list(self._their_snippets().filter(pk__in=object_ids))
        if not snippets_of_theirs:
            raise Http404
        return snippets_of_theirs

    def get_all_objects_in_listing_query(self, parent_id):
        return self._their_snippets().values_list("pk", flat=True)

    def check_perm(self, snippet):
        return self.model.snippet_viewset.permission_policy.user_has_permission_for_instance(
            self.request.user, "delete", snippet
        )


def register_site_snippet(viewset_class):
    """Register a SiteSnippetViewSet and its bulk delete (after Wagtail's own, which it replaces: that one
    checks a permission on every site)."""
    register_snippet(viewset_class)
    action = type(
        f"{viewset_class.model.__name__}DeleteBulkAction",
        (SiteSnippetDeleteBulkAction,),
        {"models": [viewset_class.model]},
    )
    hooks.register("register_bulk_action", action, order=1)
    return viewset_class
