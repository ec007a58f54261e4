"""'Say you are coming': the booking form for an event. The contact details, their checks and the spam
defences are the sign-ups' own (get_involved.forms.ContactDetailsForm)."""

from django import forms

from get_involved.forms import ContactDetailsForm, LenientHiddenField, NHSCharField, clean_referral_code

PEOPLE_CHOICES = [(str(number), str(number)) for number in range(1, 6)]
ACCESS_NEEDS_MAX = 1000


class BookingForm(ContactDetailsForm):
    people = forms.TypedChoiceField(
        label="How many people are coming, including you?",
        choices=PEOPLE_CHOICES,
        coerce=int,
        initial="1",
        widget=forms.RadioSelect,
        error_messages={"required": "Select how many people are coming"},
    )
    access_needs = NHSCharField(
        label="Do you or anyone coming with you have any access needs? (optional)",
        max_length=ACCESS_NEEDS_MAX,
        required=False,
        help_text="For example a hearing loop, step-free access, a BSL interpreter, or somewhere quiet to sit.",
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    consent = forms.BooleanField(
        label="Yes, you can contact me about this event",
        error_messages={"required": "Tick the box to say we can contact you about this event"},
    )
    ref = LenientHiddenField()

    field_order = ["full_name", "email", "phone", "people", "access_needs", "consent"]
    CONTACT_REASON = "so we can tell you if anything changes"
    TEXT_LABELS = {**ContactDetailsForm.TEXT_LABELS, "access_needs": "Your answer about access needs"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = "We will only use this to tell you if anything about the event changes."
        self.fields["people"].error_messages["invalid_choice"] = "Choose a number from 1 to 5"

    def clean_access_needs(self):
        return self._clean_text_field("access_needs", multiline=True).strip()

    def clean_ref(self):
        return clean_referral_code(self.cleaned_data.get("ref", ""))
