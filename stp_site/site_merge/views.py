"""Settings > Merge sites: choose two sites and where each of the first one's top-level pages goes,
preview the plan (every old address and its new one, renames, removals), then run it.

Choosing and previewing are GET requests (they change nothing, so they can be bookmarked and shared);
running is a POST that plans again from the same choices, so what runs is what the tree is now, never
a stale preview. It all works without JavaScript. Only superusers and staff with the "Can add site
merge" permission see it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.generic import TemplateView

from wagtail.admin.views.generic import WagtailAdminTemplateMixin
from wagtail.models import Page, Site

from .merge import MergeRefused, run_merge
from .models import SiteMerge
from .plan import SECTION, default_section_slug, plan_merge, relative_path, site_label

PERMISSION = "site_merge.add_sitemerge"
AUTOMATIC = ""


def may_merge(user):
    return user.is_active and user.has_perm(PERMISSION)


def counted(count, singular, plural):
    return f"{count} {singular if count == 1 else plural}"


def plan_summary(plan):
    text = (
        f"{counted(plan.pages_moving, 'page moves', 'pages move')} to {site_label(plan.target)}: "
        f"{counted(len(plan.renames), 'is', 'are')} renamed. {counted(len(plan.removals), 'page is', 'pages are')} "
        f"removed. {counted(len(plan.addresses), 'address', 'addresses')} will redirect."
    )
    if plan.section_path:
        text += f" The section is {plan.target.root_url}{plan.section_path}."
    return text


class SiteChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, site):
        return f"{site_label(site)} ({site.root_url})"


class MergeForm(forms.Form):
    """The two sites, then (once both are chosen) the section slug and a choice for B's home page and
    each page directly under it. `page-<id>` fields: "" automatic, "section", or the id of a page of A."""

    source = SiteChoiceField(
        queryset=Site.objects.none(),
        label="Site to merge",
        help_text="Its pages move into the other site, and its addresses redirect to their new homes.",
        empty_label="Choose a site",
    )
    target = SiteChoiceField(
        queryset=Site.objects.none(),
        label="Site to merge it into",
        help_text="It keeps its address and its pages; the first site's pages join them.",
        empty_label="Choose a site",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sites = Site.objects.filter(merged_into__isnull=True).select_related("root_page").order_by("site_name")
        self.fields["source"].queryset = sites
        self.fields["target"].queryset = sites
        self.top_level = []
        source, target = self.chosen_sites()
        if source is None or target is None or source == target:
            return
        self.fields["under"] = forms.SlugField(
            required=False,
            max_length=80,
            label="Section slug",
            help_text=f"The first site's pages that are not merged go under {target.root_url}/<slug>/. "
            f"Leave blank for “{default_section_slug(source)}”. Pages that would clash with one already "
            "there get this added to their slug too.",
        )
        automatic = plan_merge(source, target)
        a_pages = [target.root_page, *target.root_page.get_children().order_by("path")]
        merge_into = [
            (str(page.pk), f"Merge into “{page.title}” ({relative_path(page, target.root_page)})") for page in a_pages
        ]
        for choice in automatic.top_level:
            if choice.path == "/":
                label = f"Home page “{choice.page.title}”"
                options = [(AUTOMATIC, "Automatic: it becomes the section"), *merge_into]
            else:
                label = f"“{choice.page.title}” ({choice.path})"
                default = (
                    f"merge into “{choice.destination.title}”" if choice.destination else "keep it in the section"
                )
                options = [(AUTOMATIC, f"Automatic: {default}"), (SECTION, "Keep it in the section"), *merge_into]
            self.fields[f"page-{choice.page.pk}"] = forms.ChoiceField(choices=options, required=False, label=label)
            self.top_level.append(choice)

    def chosen_sites(self):
        """The two sites as given, before the form is cleaned (the page fields depend on them)."""
        if not self.is_bound:
            return None, None
        chosen = []
        for name in ("source", "target"):
            value = self.data.get(name, "")
            chosen.append(self.fields[name].queryset.filter(pk=value).first() if value.isdigit() else None)
        return tuple(chosen)

    @property
    def page_fields(self):
        return [self[name] for name in self.fields if name.startswith("page-")]

    @property
    def ready_to_preview(self):
        return bool(self.top_level)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("source") and cleaned.get("source") == cleaned.get("target"):
            self.add_error("target", "Choose a different site: a site cannot be merged into itself.")
        return cleaned

    def mapping(self):
        pages = Page.objects.in_bulk(
            [int(value) for name, value in self.cleaned_data.items() if name.startswith("page-") and value.isdigit()]
        )
        mapping = {}
        for choice in self.top_level:
            value = self.cleaned_data.get(f"page-{choice.page.pk}") or AUTOMATIC
            if value == SECTION:
                mapping[choice.page] = SECTION
            elif value.isdigit() and int(value) in pages:
                mapping[choice.page] = pages[int(value)]
        return mapping

    def plan(self):
        data = self.cleaned_data
        return plan_merge(data["source"], data["target"], under=data.get("under") or None, mapping=self.mapping())


class MergeSitesView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Merge sites"
    header_icon = "site"
    template_name = "site_merge/admin/merge_sites.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_merge(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*super().get_breadcrumbs_items(), {"url": "", "label": self.page_title}]

    def get(self, request, *args, **kwargs):
        form = MergeForm(request.GET or None)
        plan = None
        if form.is_bound and form.is_valid() and form.ready_to_preview and "preview" in request.GET:
            plan = form.plan()
        return self.render_to_response(self.get_context_data(form=form, plan=plan))

    def post(self, request, *args, **kwargs):
        form = MergeForm(request.POST)
        if not (form.is_valid() and form.ready_to_preview):
            return self.render_to_response(self.get_context_data(form=form, plan=None), status=400)
        plan = form.plan()
        try:
            record = run_merge(plan, user=request.user)
        except MergeRefused:
            return self.render_to_response(self.get_context_data(form=form, plan=plan), status=400)
        messages.success(request, f"{site_label(plan.source)} was merged into {site_label(plan.target)}.")
        return redirect("site_merge_done", record.pk)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        plan = kwargs.get("plan")
        context["merges"] = SiteMerge.objects.select_related("source", "target", "merged_by")
        if plan is not None:
            context.update(
                plan_summary=plan_summary(plan),
                source_name=site_label(plan.source),
                target_name=site_label(plan.target),
                addresses=[(plan.old_url(address), plan.new_url(address)) for address in plan.addresses],
                hidden_fields=self.hidden_fields(kwargs["form"]) if plan.runnable else [],
            )
        return context

    @staticmethod
    def hidden_fields(form):
        """The choices previewed, sent again with "Merge the sites"."""
        return [(name, value) for name, value in form.data.items() if name in form.fields and value]


class MergeDoneView(WagtailAdminTemplateMixin, TemplateView):
    page_title = "Sites merged"
    header_icon = "site"
    template_name = "site_merge/admin/merge_done.html"

    def dispatch(self, request, *args, **kwargs):
        if not may_merge(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": reverse("site_merge"), "label": "Merge sites"},
            {"url": "", "label": self.page_title},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        merge = get_object_or_404(SiteMerge.objects.select_related("source", "target", "merged_by"), pk=kwargs["pk"])
        context.update(merge=merge, summary=merge.summary)
        return context
