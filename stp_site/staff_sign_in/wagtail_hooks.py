from django.urls import reverse

from wagtail import hooks


@hooks.register("register_account_menu_item")
def two_step_verification_menu_item(request):
    return {
        "url": reverse("staff_sign_in:passkeys"),
        "label": "Two-step verification",
        "help_text": "Add a passkey, or make new recovery codes.",
    }
