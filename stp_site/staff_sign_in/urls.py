from django.urls import path

from . import views

app_name = "staff_sign_in"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("set-up/", views.set_up, name="set_up"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("passkeys/", views.passkeys, name="passkeys"),
]
