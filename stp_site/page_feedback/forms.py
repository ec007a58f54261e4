"""The two steps of "Is this page useful?": the yes/no vote, then an optional comment on that vote.

Both carry the honeypot the sign-up form uses (`website`). Checks happen here, on the server."""

from django import forms

from stp_site.core.text import clean_text

from .models import COMMENT_MAX
from .offered import page_id_from_view_token, vote_id_from_vote_token


class SpamChecks(forms.Form):
    # The honeypot: hidden from people and from assistive technology; only bots fill it in.
    website = forms.CharField(required=False, max_length=200)

    def is_honeypot_filled(self):
        return bool((self.data.get("website") or "").strip())


class VoteForm(SpamChecks):
    """Sent by the page's own form. Anything wrong here was not typed by a person: the whole post is refused."""

    page = forms.IntegerField(min_value=1)
    token = forms.CharField(max_length=200)
    useful = forms.ChoiceField(choices=[("yes", "Yes"), ("no", "No")])

    def clean(self):
        cleaned = super().clean()
        if "page" in cleaned and page_id_from_view_token(cleaned.get("token")) != cleaned["page"]:
            raise forms.ValidationError("The page's token is forged or too old", code="token")
        return cleaned


class CommentForm(SpamChecks):
    comment = forms.CharField(
        label="Tell us how we can improve this page",
        help_text="Do not include personal information like your name, contact details or health conditions. "
        "We cannot reply to comments.",
        max_length=COMMENT_MAX,
        required=False,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": f"Your comment must be {COMMENT_MAX} characters or fewer",
            "null_characters_not_allowed": "Your comment contains a character we cannot store. Type it again.",
        },
    )
    vote = forms.CharField(max_length=200, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Browsers should not cut a comment short silently: the server says when it is too long.
        self.fields["comment"].widget.attrs.pop("maxlength", None)

    def vote_id(self):
        """The vote this comment is for, or None if its token is forged or too old."""
        return vote_id_from_vote_token(self.data.get("vote"))

    def clean_comment(self):
        value = clean_text(self.cleaned_data.get("comment", ""), "Your comment", multiline=True).strip()
        if not value:
            raise forms.ValidationError("Enter how we can improve this page", code="required")
        return value

    def error_list(self):
        """(field id, message) for the NHS error summary."""
        return [(self["comment"].auto_id, message) for message in self.errors.get("comment", [])]
