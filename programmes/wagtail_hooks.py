"""Programmes add to the partnership's own pages through BasePage's `extend_page_context` hook, so
stp_site never imports programmes:

- the home and vision pages get `programmes`: the published programmes in the order staff set,
  and `programme_index`, the 'Our work' page;
- a partner page gets `programmes`: the published programmes whose "partners involved" name it.

These lists only change when staff publish, so they are cached under the content version.
"""

from wagtail import hooks

from stp_site.content_version import cached
from stp_site.models import HomePage, PartnerPage, VisionPage

from .models import ProgrammeIndexPage, ProgrammePage


def all_programmes():
    return list(ProgrammePage.objects.live().public().defer_streamfields().order_by("path"))


def programme_index():
    return ProgrammeIndexPage.objects.live().public().defer_streamfields().first()


@hooks.register("extend_page_context")
def add_programmes(page, request, context):
    if isinstance(page, HomePage | VisionPage):
        context["programmes"] = cached("programmes", all_programmes)
        context["programme_index"] = cached("programme_index", programme_index)
    elif isinstance(page, PartnerPage) and page.pk:
        context["programmes"] = cached(
            f"partner_programmes:{page.pk}",
            lambda: list(page.programmes.live().public().defer_streamfields().order_by("path")),
        )
