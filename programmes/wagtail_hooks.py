"""Programmes add to the partnership's own pages through BasePage's `extend_page_context` hook, so
stp_site never imports programmes:

- the home and vision pages get `programmes`: the published programmes in the order staff set,
  and `programme_index`, the 'Our work' page;
- a partner page gets `programmes`: the published programmes whose "partners involved" name it.
"""

from wagtail import hooks

from stp_site.models import HomePage, PartnerPage, VisionPage

from .models import ProgrammeIndexPage, ProgrammePage


@hooks.register("extend_page_context")
def add_programmes(page, request, context):
    if isinstance(page, HomePage | VisionPage):
        context["programmes"] = ProgrammePage.objects.live().public().defer_streamfields().order_by("path")
        context["programme_index"] = ProgrammeIndexPage.objects.live().public().first()
    elif isinstance(page, PartnerPage) and page.pk:
        context["programmes"] = page.programmes.live().public().defer_streamfields().order_by("path")
