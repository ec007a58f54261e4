"""Subscriber counts per programme (who may: `email_updates.view_subscriber`, for the sites where they hold
it), and the superuser's CSV export of addresses (formula-safe)."""

import csv

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers

from wagtail.models import Site

from programmes.models import ProgrammePage
from stp_site.core.csv_export import escape_spreadsheet_formula
from stp_site.core.site_permissions import holds_anywhere, site_ids_where

from .models import Subscriber

PERMISSION = "email_updates.view_subscriber"


def may_see_counts(user):
    return holds_anywhere(user, PERMISSION)


def counts(request):
    if not may_see_counts(request.user):
        raise PermissionDenied
    site_ids = site_ids_where(request.user, PERMISSION)
    sites = Site.objects.select_related("root_page").order_by("site_name", "hostname")
    if site_ids is not None:
        sites = sites.filter(pk__in=site_ids)
    confirmed = Q(status=Subscriber.Status.CONFIRMED)
    rows = []
    for site in sites:
        subscribers = Subscriber.objects.filter(confirmed, site=site)
        totals = subscribers.aggregate(
            all=Count("pk"),
            all_news=Count("pk", filter=Q(all_news=True)),
            consultations=Count("pk", filter=Q(consultations=True)),
        )
        through = Subscriber.programmes.through.objects.filter(
            subscriber__site=site, subscriber__status=Subscriber.Status.CONFIRMED
        )
        by_programme = dict(through.values_list("programmepage_id").annotate(count=Count("subscriber_id")))
        programmes = ProgrammePage.objects.in_site(site.root_page.path).order_by("title").values_list("pk", "title")
        per_programme = [(title, by_programme.get(pk, 0)) for pk, title in programmes]
        pending = Subscriber.objects.filter(site=site, status=Subscriber.Status.PENDING).count()
        rows.append({"site": site, "totals": totals, "programmes": per_programme, "pending": pending})
    context = {"rows": rows, "export": request.user.is_superuser}
    response = TemplateResponse(request, "email_updates/admin/counts.html", context)
    add_never_cache_headers(response)
    return response


def export(request):
    if not (request.user.is_active and request.user.is_superuser):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="email-update-subscribers.csv"'
    add_never_cache_headers(response)
    writer = csv.writer(response)
    writer.writerow(
        ["site", "email", "status", "all news", "new consultations", "programmes", "subscribed", "confirmed"]
    )
    subscribers = Subscriber.objects.select_related("site").prefetch_related("programmes").order_by("site_id", "pk")
    for subscriber in subscribers:
        row = [
            subscriber.site.site_name or subscriber.site.hostname,
            subscriber.email,
            subscriber.get_status_display(),
            "yes" if subscriber.all_news else "no",
            "yes" if subscriber.consultations else "no",
            "; ".join(programme.title for programme in subscriber.programmes.all()),
            subscriber.created_at.date().isoformat(),
            subscriber.confirmed_at.date().isoformat() if subscriber.confirmed_at else "",
        ]
        writer.writerow([escape_spreadsheet_formula(value) for value in row])
    return response
