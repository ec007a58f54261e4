"""Wagtail reports that show everyone what is on every site, limited here to what each person may see,
and served at Wagtail's own addresses (admin_urls.py, ahead of Wagtail's):

- "Page types usage" counts every site's pages and names the last page edited of each type;
- "Site history" offers as its "User" filter everyone who ever changed a page;
- "Workflows" and "Workflow tasks" offer every partnership's workflows, tasks and submitters as filters.
"""

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery

from wagtail.admin.views.reports.audit_logging import LogEntriesView, SiteHistoryReportFilterSet, get_users_for_filter
from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportFilterSet, PageTypesUsageReportView
from wagtail.admin.views.reports.workflows import (
    WorkflowReportFilterSet,
    WorkflowTasksReportFilterSet,
    WorkflowTasksView,
    WorkflowView,
    get_editable_content_type_ids,
    get_editable_page_ids_query,
)
from wagtail.models import Page, Task, Workflow, WorkflowState, get_default_page_content_type

from stp_site.core.site_permissions import under_site_roots

from .scope import home_page_paths


class PageTypesOnTheirSitesFilterSet(PageTypesUsageReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        paths = home_page_paths(self.request.user)
        if paths is None or "site" not in self.filters:
            return
        choices = [(site.root_page.path, str(site)) for site in self.sites.values() if site.root_page.path in paths]
        if len(choices) < 2:
            del self.filters["site"]  # their one site: nothing to choose (the others would be named)
        else:
            self.filters["site"].extra["choices"] = choices


class PageTypesOnTheirSitesView(PageTypesUsageReportView):
    filterset_class = PageTypesOnTheirSitesFilterSet

    def get_queryset(self):
        paths = home_page_paths(self.request.user)
        if paths is None:
            return super().get_queryset()
        # As Wagtail's, with every count and "last edited" limited to their sites' pages.
        queryset = ContentType.objects.filter(model__in=self.page_models)
        base_page_type = ContentType.objects.get_for_model(Page)
        if not Page.objects.filter(depth__gt=1, content_type=base_page_type).exists():
            queryset = queryset.exclude(id=base_page_type.id)
        self.queryset = queryset
        queryset = self.filter_queryset(queryset)
        chosen = self.filters.form.cleaned_data.get("site")
        on_their_sites = under_site_roots([chosen] if chosen in paths else sorted(paths))
        language_code = self.filters.form.cleaned_data.get("page_locale")
        in_language = Q(locale__language_code=language_code) if language_code else Q()
        latest_edited = Page.objects.filter(on_their_sites, in_language, content_type=OuterRef("pk")).order_by(
            F("latest_revision_created_at").desc(nulls_last=True), "title", "-pk"
        )
        counted = Page.objects.filter(on_their_sites, in_language).values("pk")
        return queryset.annotate(
            count=Count("pages", filter=Q(pages__in=counted)),
            last_edited_page_id=Subquery(latest_edited.values("pk")[:1]),
        ).order_by("-count", "app_label", "model")


class SiteHistoryFilterSet(SiteHistoryReportFilterSet):
    """Wagtail's site history offers, as its "User" filter, everyone who ever changed a page, whatever the
    site (its own scoped list is no longer called): here, those whose changes this person may see."""

    def get_users_queryset(self):
        return get_users_for_filter(self.request.user)


class SiteHistoryView(LogEntriesView):
    filterset_class = SiteHistoryFilterSet


def visible_workflow_states(request):
    """The workflow states the workflow reports list to this person (those of the pages they may edit)."""
    return WorkflowState.objects.filter(
        Q(base_content_type_id=get_default_page_content_type().id, object_id__in=get_editable_page_ids_query(request))
        | Q(content_type_id__in=get_editable_content_type_ids(request))
    )


def _limit_workflow_filters(filterset, states):
    """Each filter of the workflow reports offers only the workflows, tasks and people of these states:
    Wagtail's name every partnership's workflow, task and member of staff who ever submitted a page."""
    User = get_user_model()
    choices = {
        "workflow": Workflow.objects.filter(workflow_states__in=states).distinct().order_by("name"),
        "task": Task.objects.filter(task_states__workflow_state__in=states).distinct().order_by("name"),
        "requested_by": User.objects.filter(requested_workflows__in=states).distinct().order_by(User.USERNAME_FIELD),
    }
    for name, queryset in choices.items():
        if name in filterset.filters:
            filterset.filters[name].queryset = queryset


class WorkflowsOnTheirSitesFilterSet(WorkflowReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_workflow_filters(self, visible_workflow_states(self.request))


class WorkflowTasksOnTheirSitesFilterSet(WorkflowTasksReportFilterSet):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_workflow_filters(self, visible_workflow_states(self.request))


class WorkflowsOnTheirSitesView(WorkflowView):
    filterset_class = WorkflowsOnTheirSitesFilterSet


class WorkflowTasksOnTheirSitesView(WorkflowTasksView):
    filterset_class = WorkflowTasksOnTheirSitesFilterSet
