"""An exercise's online questionnaire as a Django form: the questions staff built in the admin (Wagtail's
FormBuilder, making fields whose errors are written for residents), then optional contact details (the
sign-up form's fields and checks: get_involved.forms.ContactDetailsForm), "tell me what happens", consent,
and the spam defences. Built from plain question definitions, so it needs no database to check answers
(the database-down path, views.outage_form)."""

import datetime
import decimal
from types import SimpleNamespace

from django import forms
from django.core.validators import validate_email

from wagtail.contrib.forms.forms import FormBuilder

from get_involved.forms import ContactDetailsForm, LenientHiddenField, NHSCharField
from stp_site.core.text import clean_text

PREFIX = "q_"  # a question's form field name: never the same as a contact field, whatever its label
SHORT_MAX, LONG_MAX = 500, 5000


class QuestionTextField(NHSCharField):
    """A typed answer: checked like every answer residents type (clean_text)."""

    def __init__(self, *, label, max_length, multiline=False, **kwargs):
        self.multiline = multiline
        super().__init__(
            label=label, max_length=max_length, required_message=f"Enter your answer to: {label}", **kwargs
        )
        self.error_messages["max_length"] = f"Your answer to '{label}' must be {max_length} characters or fewer"

    def clean(self, value):
        value = super().clean(value)
        return clean_text(value, "Your answer", multiline=self.multiline).strip()


class QuestionEmailField(QuestionTextField):
    def clean(self, value):
        value = super().clean(value)
        if value:
            try:
                validate_email(value)
            except forms.ValidationError:
                raise forms.ValidationError(
                    "Enter an email address in the correct format, like name@example.com", code="invalid"
                ) from None
        return value.lower()


class NHSDateWidget(forms.MultiWidget):
    """Day, month and year boxes (the NHS.UK date input, templates/components/forms/date.html)."""

    def __init__(self):
        super().__init__([forms.TextInput(), forms.TextInput(), forms.TextInput()])

    def decompress(self, value):
        return [value.day, value.month, value.year] if value else [None, None, None]


class NHSDateField(forms.MultiValueField):
    widget = NHSDateWidget

    def __init__(self, *, label, required=True, **kwargs):
        kwargs.pop("initial", None)
        fields = [forms.CharField(required=False), forms.CharField(required=False), forms.CharField(required=False)]
        super().__init__(fields, label=label, required=required, require_all_fields=False, **kwargs)
        self.label_text = label

    def compress(self, data_list):
        return data_list

    def clean(self, value):
        parts = [str(part or "").strip() for part in (value or [])] + ["", "", ""]
        day, month, year = parts[:3]
        if not (day or month or year):
            if self.required:
                raise forms.ValidationError(f"Enter a date for: {self.label_text}", code="required")
            return None
        if not (day.isdigit() and month.isdigit() and year.isdigit() and len(year) == 4):
            raise forms.ValidationError(
                f"Enter a real date for '{self.label_text}', like 27 3 2026, with the year in 4 digits", code="invalid"
            )
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise forms.ValidationError(
                f"Enter a real date for '{self.label_text}', like 27 3 2026", code="invalid"
            ) from None


class NHSFormBuilder(FormBuilder):
    """Wagtail's FormBuilder, making fields for the NHS.UK components with errors in plain English."""

    def create_singleline_field(self, field, options):
        return QuestionTextField(max_length=SHORT_MAX, **options)

    def create_multiline_field(self, field, options):
        return QuestionTextField(
            max_length=LONG_MAX, multiline=True, widget=forms.Textarea(attrs={"rows": 5}), **options
        )

    def create_email_field(self, field, options):
        widget = forms.EmailInput(attrs={"spellcheck": "false"})
        return QuestionEmailField(max_length=254, widget=widget, **options)

    def create_number_field(self, field, options):
        label = options["label"]
        options["error_messages"] = {
            "required": f"Enter a number for: {label}",
            "invalid": f"Your answer to '{label}' must be a number, like 12",
        }
        # Not type="number" (NHS.UK advice): the keyboard for numbers, and the server checks.
        return forms.DecimalField(widget=forms.TextInput(attrs={"inputmode": "decimal"}), max_digits=12, **options)

    def _choice_errors(self, options):
        label = options["label"]
        return {
            "required": f"Select your answer to: {label}",
            "invalid_choice": f"For '{label}', choose one of the answers shown",
        }

    def create_radio_field(self, field, options):
        options["choices"] = self.get_formatted_field_choices(field)
        options["error_messages"] = self._choice_errors(options)
        return forms.ChoiceField(widget=forms.RadioSelect, **options)

    def create_checkboxes_field(self, field, options):
        options["choices"] = self.get_formatted_field_choices(field)
        options["initial"] = []
        options["error_messages"] = self._choice_errors(options)
        return forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **options)

    def create_dropdown_field(self, field, options):
        options["choices"] = [("", "Choose an answer"), *self.get_formatted_field_choices(field)]
        options["error_messages"] = self._choice_errors(options)
        return forms.ChoiceField(**options)

    def create_date_field(self, field, options):
        return NHSDateField(**options)

    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["initial"] = None  # nothing is answered for the resident
        return options

    @property
    def formfields(self):
        return {PREFIX + name: formfield for name, formfield in super().formfields.items()}


class ResponseForm(ContactDetailsForm):
    """What follows the questions: contact details (optional), "tell me what happens", consent; and the
    hidden referral code, timing token and honeypot."""

    hear_back = forms.BooleanField(
        label="Yes, email me when you publish what happened",
        required=False,
        help_text="We will send you one email, when we publish what people told us and what we decided. Give "
        "your email address above.",
    )
    consent = forms.BooleanField(
        label="Yes, you can use my answers to help make this decision",
        error_messages={"required": "Tick the box to say we can use your answers"},
    )
    ref = LenientHiddenField()

    CONTACT_REASON = "so we can tell you what happens"
    TEXT_LABELS = {**ContactDetailsForm.TEXT_LABELS}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("full_name", "email", "phone"):
            self.fields[name].required = False
        self.fields["full_name"].label = "Your name (optional)"
        self.fields["email"].label = "Email address (optional)"
        self.fields["phone"].label = "Phone number (optional)"
        self.fields[
            "email"
        ].help_text = "Only if you want us to tell you what happens. We will not use it for anything else."
        self.fields["phone"].help_text = "Only if you are happy for us to call you about your answers."

    def clean_full_name(self):
        if not (self.cleaned_data.get("full_name") or "").strip():
            return ""
        return super().clean_full_name()

    def clean_ref(self):
        value = self.cleaned_data.get("ref", "")
        return value if value and len(value) <= 60 and value.replace("-", "").isalnum() and value.islower() else ""

    def clean(self):
        # Contact details are optional here: the sign-up form's "an email address or a phone number" rule
        # (ContactDetailsForm.clean) does not apply, so only forms.Form's clean runs.
        cleaned = super(ContactDetailsForm, self).clean()
        if cleaned.get("hear_back") and not cleaned.get("email") and not self.errors.get("email"):
            self.add_error("email", "Enter your email address so we can tell you what happens")
        return cleaned

    def question_fields(self):
        return [self[name] for name in self.fields if name.startswith(PREFIX)]

    def answers(self):
        """({clean_name: answer as JSON}, {clean_name: the question as asked}), in the order asked."""
        answers, labels = {}, {}
        for name, field in self.fields.items():
            if not name.startswith(PREFIX):
                continue
            value = self.cleaned_data.get(name)
            if isinstance(value, datetime.date):
                value = value.isoformat()
            elif isinstance(value, decimal.Decimal):
                value = format(value.normalize(), "f") if value == value.to_integral() else str(value)
            elif isinstance(value, list | tuple):
                value = list(value)
            answers[name[len(PREFIX) :]] = "" if value is None else value
            labels[name[len(PREFIX) :]] = field.label
        return answers, labels

    def error_list(self):
        """As the sign-up form's, with a date's link going to its day box."""
        dates = {
            self[name].auto_id for name, field in self.fields.items() if isinstance(field.widget, forms.MultiWidget)
        }
        return [(f"{target}_0" if target in dates else target, message) for target, message in super().error_list()]

    def stored_data(self):
        """What is kept (in PostgreSQL, or in the spool while it is down): plain JSON."""
        answers, labels = self.answers()
        data = self.cleaned_data
        return {
            "answers": answers,
            "labels": labels,
            "full_name": data.get("full_name", ""),
            "email": data.get("email", ""),
            "phone": data.get("phone", ""),
            "hear_back": bool(data.get("hear_back")),
            "ref": data.get("ref", ""),
        }


def questionnaire_form_class(questions):
    """The form for these questions (QuestionnaireField rows, or objects with the same attributes)."""
    formfields = NHSFormBuilder(questions).formfields
    order = [*formfields, "full_name", "email", "phone", "hear_back", "consent"]
    return type("QuestionnaireForm", (ResponseForm,), {**formfields, "field_order": order})


def as_definitions(definitions):
    """Question definitions kept as plain data (ConsultationPage.question_definitions) as the objects
    FormBuilder reads."""
    return [SimpleNamespace(**definition) for definition in definitions]
