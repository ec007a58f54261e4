"""The forms residents send: the reference group sign-up and the question to a board meeting. Every check
happens here, on the server; both share the contact details, their checks and the spam defences."""

import re
import time
import unicodedata

from django import forms
from django.conf import settings
from django.core import signing
from django.core.validators import validate_email

from stp_site.core.text import clean_text

from . import choices
from .phone_numbers import normalise_phone

# Letters and marks in any script, spaces, and the punctuation people use in names.
NAME_PUNCTUATION = set(" '\u2019\u2018-\u2010\u2011.,")
POSTCODE_RE = re.compile(r"^(GIR0AA|[A-Z]{1,2}[0-9][A-Z0-9]?[0-9][ABD-HJLNP-UW-Z]{2})$")
TOKEN_SALT = "get_involved.signup.started"  # noqa: S105 - a signing namespace, not a secret


def make_started_token(at=None):
    """A signed record of when the form was shown; checked for a minimum time, never a maximum."""
    return signing.TimestampSigner(salt=TOKEN_SALT).sign(str(int(at if at is not None else time.time())))


def seconds_since_started(token):
    """Seconds since the form was shown, or None if the token is missing or forged."""
    try:
        started = int(signing.TimestampSigner(salt=TOKEN_SALT).unsign(token or ""))
    except (signing.BadSignature, ValueError):
        return None
    return time.time() - started


def clean_referral_code(value):
    """A referral code (?ref=) as carried through a form. An unknown or odd code is never the resident's
    problem: it is dropped quietly."""
    return value if re.fullmatch(r"[a-z0-9-]{1,%d}" % choices.REF_MAX, value or "") else ""  # noqa: UP031


class TextInput(forms.TextInput):
    def __init__(self, autocomplete=None, **attrs):
        if autocomplete:
            attrs["autocomplete"] = autocomplete
        super().__init__(attrs=attrs)


class NHSCharField(forms.CharField):
    """A CharField whose error messages are written for residents, with the NUL check our own."""

    def __init__(self, *, label, max_length, required_message=None, **kwargs):
        messages = {
            "required": required_message or f"Enter {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
            "null_characters_not_allowed": f"{label} contains a character we cannot store. Type it again.",
        }
        super().__init__(label=label, max_length=max_length, error_messages=messages, **kwargs)
        # Browsers should not cut answers short silently: the server says when something is too long.
        self.widget.attrs.pop("maxlength", None)


class LenientHiddenField(forms.CharField):
    """A hidden value the resident never typed: anything odd is cleaned away, never reported as an error."""

    def __init__(self, **kwargs):
        super().__init__(required=False, widget=forms.HiddenInput, **kwargs)
        self.validators = []


class ContactDetailsForm(forms.Form):
    """A name and an email address or phone number (or both), and the spam defences: a honeypot and a
    minimum time between showing the form and sending it. No CAPTCHA."""

    full_name = NHSCharField(
        label="Full name",
        max_length=choices.NAME_MAX,
        required_message="Enter your full name",
        widget=TextInput(autocomplete="name", spellcheck="false"),
    )
    email = NHSCharField(
        label="Email address",
        max_length=choices.EMAIL_MAX,
        required=False,
        help_text="We will only use this to contact you about the group.",
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    phone = NHSCharField(
        label="Phone number",
        max_length=choices.PHONE_MAX,
        required=False,
        help_text="A mobile or landline number, for example 01782 123456.",
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    started = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)
    # The honeypot: hidden from people and from assistive technology; only bots fill it in.
    website = forms.CharField(
        label="Leave this empty",
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    CONTACT_REASON = "so we can contact you"
    TEXT_LABELS = {"full_name": "Your name", "email": "Your email address", "phone": "Your phone number"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if getattr(field, "choices", None) and isinstance(field, forms.ChoiceField):
                field.error_messages["invalid_choice"] = f"For '{field.label}', choose one of the answers shown"

    def _clean_text_field(self, name, multiline=False):
        value = self.cleaned_data.get(name, "")
        return clean_text(value, self.TEXT_LABELS[name], multiline=multiline)

    def clean_full_name(self):
        value = self._clean_text_field("full_name")
        value = " ".join(value.split())
        if not any(unicodedata.category(char).startswith("L") for char in value):
            raise forms.ValidationError("Enter your name using letters", code="letters")
        for char in value:
            if not (unicodedata.category(char)[0] in "LM" or char in NAME_PUNCTUATION or char == "\u200d"):
                raise forms.ValidationError(
                    "Your name can only include letters, spaces, hyphens, apostrophes and full stops", code="chars"
                )
        return value

    def clean_email(self):
        value = self._clean_text_field("email").strip()
        if not value:
            return ""
        try:
            validate_email(value)
        except forms.ValidationError:
            raise forms.ValidationError(
                "Enter an email address in the correct format, like name@example.com", code="invalid"
            ) from None
        return value.lower()

    def clean_phone(self):
        value = self._clean_text_field("phone").strip()
        if not value:
            return ""
        message = "Enter a phone number, like 01782 123456 or 07123 456789"
        phone = normalise_phone(value) if re.fullmatch(r"[0-9+()\-. ]+", value) else None
        if phone is None:
            raise forms.ValidationError(message, code="invalid")
        return phone

    def clean(self):
        cleaned = super().clean()
        no_contact_errors = not self.errors.get("email") and not self.errors.get("phone")
        if no_contact_errors and not cleaned.get("email") and not cleaned.get("phone"):
            self.add_error("email", f"Enter an email address or a phone number, {self.CONTACT_REASON}")
        return cleaned

    # Spam checks, run before validation.
    def is_honeypot_filled(self):
        return bool((self.data.get("website") or "").strip())

    def is_too_fast(self):
        elapsed = seconds_since_started(self.data.get("started"))
        return elapsed is None or elapsed < settings.SIGNUP_MIN_SECONDS

    def error_list(self):
        """(field id, message) for the error summary, in the order of the fields on the page."""
        items = []
        for name in self.fields:
            for message in self.errors.get(name, []):
                field = self[name]
                if isinstance(field.field.widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
                    target = f"{field.auto_id}_0"
                else:
                    target = field.auto_id
                items.append((target, message))
        for message in self.non_field_errors():
            items.append(("", message))
        return items


class SignUpForm(ContactDetailsForm):
    postcode = NHSCharField(
        label="Postcode",
        max_length=choices.POSTCODE_MAX,
        required_message="Enter your postcode",
        help_text="So we know which part of our area you live in. For example, ST4 1AA.",
        widget=TextInput(autocomplete="postal-code", spellcheck="false"),
    )
    take_part = forms.MultipleChoiceField(
        label="How would you like to take part?",
        choices=choices.TAKE_PART,
        help_text="Select all that apply.",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Select how you would like to take part",
        },
    )
    support_needs = NHSCharField(
        label="Do you need any support to take part?",
        max_length=choices.SUPPORT_MAX,
        required=False,
        help_text="For example, a hearing loop, large print, an interpreter or help with travel. Optional.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    heard_about = NHSCharField(
        label="How did you hear about the group?",
        max_length=choices.HEARD_MAX,
        required=False,
        help_text="For example, from Healthwatch, your GP surgery or a friend. Optional.",
        widget=TextInput(),
    )
    consent = forms.BooleanField(
        label="Yes, you can contact me about this group",
        error_messages={"required": "Tick the box to say we can contact you about this group"},
    )
    equality_consent = forms.BooleanField(
        label="Yes, I want to answer the equality questions",
        required=False,
        help_text="We only keep your answers below if you tick this box.",
    )
    age_band = forms.ChoiceField(
        label="What is your age?", choices=choices.AGE_BANDS, required=False, widget=forms.RadioSelect
    )
    ethnic_group = forms.ChoiceField(
        label="What is your ethnic group?", choices=choices.ETHNIC_GROUPS, required=False, widget=forms.RadioSelect
    )
    disability = forms.ChoiceField(
        label="Do you have a disability or a long-term health condition?",
        choices=choices.YES_NO_PREFER,
        required=False,
        widget=forms.RadioSelect,
    )
    sex = forms.ChoiceField(label="What is your sex?", choices=choices.SEX, required=False, widget=forms.RadioSelect)
    gender_same_as_birth = forms.ChoiceField(
        label="Is the gender you identify with the same as your sex registered at birth?",
        choices=choices.YES_NO_PREFER,
        required=False,
        widget=forms.RadioSelect,
    )
    # Carried through the POST, never stored in a cookie.
    # No max_length here: an odd code is dropped in clean_ref, never shown to the resident as an error.
    ref = LenientHiddenField()
    EQUALITY_FIELDS = ["age_band", "ethnic_group", "disability", "sex", "gender_same_as_birth"]
    TEXT_LABELS = {
        **ContactDetailsForm.TEXT_LABELS,
        "postcode": "Your postcode",
        "support_needs": "Your answer about support",
        "heard_about": "Your answer about how you heard",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["take_part"].error_messages["invalid_choice"] = (
            "Choose how you would like to take part from the answers shown"
        )

    def equality_fields(self):
        return [self[name] for name in self.EQUALITY_FIELDS]

    def clean_postcode(self):
        value = self._clean_text_field("postcode")
        compact = "".join(value.split()).upper()
        if not POSTCODE_RE.match(compact):
            raise forms.ValidationError("Enter a real postcode, like ST4 1AA", code="invalid")
        return f"{compact[:-3]} {compact[-3:]}"

    def clean_support_needs(self):
        return self._clean_text_field("support_needs", multiline=True).strip()

    def clean_heard_about(self):
        return self._clean_text_field("heard_about").strip()

    def clean_ref(self):
        return clean_referral_code(self.cleaned_data.get("ref", ""))

    def clean(self):
        cleaned = super().clean()
        if not cleaned.get("equality_consent"):
            # Without their own consent, equality answers are never kept.
            for name in self.EQUALITY_FIELDS:
                cleaned[name] = ""
        return cleaned


class QuestionForm(ContactDetailsForm):
    """A question from the public to a board or committee meeting."""

    organisation = NHSCharField(
        label="Are you asking for a group or organisation? (optional)",
        max_length=choices.ORGANISATION_MAX,
        required=False,
        help_text="If so, give its name. For example, a patient group or a local charity.",
        widget=TextInput(autocomplete="organization"),
    )
    question = NHSCharField(
        label="Your question",
        max_length=choices.QUESTION_MAX,
        required_message="Enter your question",
        help_text="Keep it short: one question about something on the agenda or the board's work. Do not "
        "include details about your own health or anyone else's.",
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    publish_name = forms.BooleanField(
        label="Yes, you can show my name with my question",
        required=False,
        help_text="If you do not tick this, we show it as a question from a member of the public.",
    )
    consent = forms.BooleanField(
        label="Yes, you can contact me about my question",
        error_messages={"required": "Tick the box to say we can contact you about your question"},
    )

    # As the page shows them, so the error summary lists its messages in the same order.
    field_order = ["question", "full_name", "organisation", "email", "phone", "publish_name", "consent"]
    CONTACT_REASON = "so we can send you the answer"
    TEXT_LABELS = {
        **ContactDetailsForm.TEXT_LABELS,
        "organisation": "The name of your group or organisation",
        "question": "Your question",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "We will send you the answer. We will not use it for anything else."

    def clean_organisation(self):
        return " ".join(self._clean_text_field("organisation").split())

    def clean_question(self):
        value = self._clean_text_field("question", multiline=True).strip()
        if not value:
            raise forms.ValidationError("Enter your question", code="required")
        return value
