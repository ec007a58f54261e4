"""The admin's view of email updates: how many confirmed subscribers each programme has, per site. Staff
never see the addresses; a superuser may export them (admin_views.py)."""

from django.urls import path, reverse

from wagtail import hooks
from wagtail.admin.menu import AdminOnlyMenuItem, MenuItem

from . import admin_views


@hooks.register("register_admin_urls")
def register_urls():
    return [
        path("email-updates/", admin_views.counts, name="email_updates_counts"),
        path("email-updates/export/", admin_views.export, name="email_updates_export"),
    ]


class CountsMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.may_see_counts(request.user)


@hooks.register("register_reports_menu_item")
def register_counts_menu_item():
    return CountsMenuItem("Email updates", reverse("email_updates_counts"), icon_name="mail", order=900)


@hooks.register("register_reports_menu_item")
def register_export_menu_item():
    return AdminOnlyMenuItem("Email updates export", reverse("email_updates_export"), icon_name="download", order=901)
