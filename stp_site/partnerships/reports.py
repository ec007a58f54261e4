"""Wagtail's "Page types usage" report, limited to the pages of the sites each person works on: Wagtail's
own counts every site's pages and names the last page edited of each type, whichever site it is on.
Served at Wagtail's own address (admin_urls.py, ahead of Wagtail's)."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, F, OuterRef, Q, Subquery

from wagtail.admin.views.reports.page_types_usage import PageTypesUsageReportFilterSet, PageTypesUsageReportView
from wagtail.models import Page

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
