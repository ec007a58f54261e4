from django.urls import include, path

from . import views

app_name = "staff_sign_in"

urlpatterns = [
    path("", views.verify, name="verify"),
    path("set-up/", views.set_up, name="set_up"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("passkeys/", views.passkeys, name="passkeys"),
]

# django-otp-webauthn's JSON endpoints, under the two-step pages so the same rules apply to them.
webauthn_urlpatterns = [path("passkey/", include("django_otp_webauthn.urls", namespace="otp_webauthn"))]
