"""The links in email updates' emails (stp_site/urls.py includes these at /email-updates/)."""

from django.urls import path

from . import views

app_name = "email_updates"
urlpatterns = [
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("manage/<str:key>/", views.manage, name="manage"),
    path("unsubscribe/<str:key>/", views.unsubscribe, name="unsubscribe"),
]
