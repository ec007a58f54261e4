"""The "Get email updates" form and the "manage your choices" form. Every check happens on the server.

The sign-up form's contact details form gives the email address's checks and the spam defences (a
honeypot and a minimum time, no CAPTCHA); a subscription needs no name or phone number."""

from django import forms

from get_involved.forms import ContactDetailsForm, LenientHiddenField, NHSCharField

from .models import ALL_NEWS, CONSULTATIONS, EMAIL_MAX, PROGRAMME_PREFIX

TOPICS_LABEL = "What would you like to hear about?"
TOPICS_REQUIRED = "Select what you would like to hear about"


def topic_choices(programmes):
    """The checkboxes: all news, new consultations, then news about each programme ((id, title) pairs)."""
    return [
        (ALL_NEWS, "All our news"),
        (CONSULTATIONS, "New consultations: when we ask people what they think"),
        *((f"{PROGRAMME_PREFIX}{pk}", f"News about {title}") for pk, title in programmes),
    ]


class TopicsField(forms.MultipleChoiceField):
    def __init__(self, programmes, **kwargs):
        super().__init__(
            label=TOPICS_LABEL,
            choices=topic_choices(programmes),
            help_text="Select all that apply.",
            widget=forms.CheckboxSelectMultiple,
            error_messages={
                "required": TOPICS_REQUIRED,
                "invalid_choice": "Choose what you would like to hear about from the answers shown",
            },
            **kwargs,
        )


class SubscribeForm(ContactDetailsForm):
    full_name = None
    phone = None
    email = NHSCharField(
        label="Email address",
        max_length=EMAIL_MAX,
        required_message="Enter your email address",
        help_text="We will send you an email to check it is yours. Nothing else is sent until you confirm.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label="Yes, you can email me the updates I choose",
        error_messages={"required": "Tick the box to say we can email you"},
    )
    ref = LenientHiddenField()

    field_order = ["email", "topics", "consent"]
    TEXT_LABELS = {"email": "Your email address"}

    def __init__(self, *args, programmes=(), **kwargs):
        """`programmes`: (id, title) of the site's programmes, read once by the caller (or from the cache
        while the database is down)."""
        self.base_fields = {**self.base_fields, "topics": TopicsField(programmes)}
        super().__init__(*args, **kwargs)
        self.order_fields(self.field_order)

    def clean_ref(self):
        value = (self.cleaned_data.get("ref") or "")[:60]
        return value if value.replace("-", "").isalnum() and value.isascii() and value.islower() else ""


class ManageForm(forms.Form):
    """A confirmed subscriber's choices, from the link in each email."""

    def __init__(self, *args, programmes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"] = TopicsField(programmes)

    def error_list(self):
        return [(f"{self['topics'].auto_id}_0", message) for message in self.errors.get("topics", [])]
