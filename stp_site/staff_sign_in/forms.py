from django import forms

CODE_HELP = "The 6-digit code your authenticator app shows now."


class CodeForm(forms.Form):
    """A 6-digit code from the authenticator app (the error is added by the view, which checks it)."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text=CODE_HELP,
        max_length=12,
        error_messages={"required": "Enter the 6-digit code from your authenticator app"},
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "pattern": "[0-9 ]*",
                "autocapitalize": "off",
                "spellcheck": "false",
                "class": "staff-sign-in-code",
            }
        ),
    )


class RecoveryCodeForm(forms.Form):
    recovery_code = forms.CharField(
        label="Recovery code",
        help_text="One of the recovery codes you saved when you set up two-step verification. Each works once.",
        max_length=32,
        error_messages={"required": "Enter one of your recovery codes"},
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"}),
    )


def tie_errors(form):
    """Point each field that has an error at its message (and help text) with aria-describedby, so a
    screen reader reads the error with the field. Templates give the message the id `<field id>-error`."""
    for name in form.errors:
        if name in form.fields:
            bound = form[name]
            ids = [f"{bound.auto_id}-error"] + ([f"{bound.auto_id}-helptext"] if bound.help_text else [])
            form.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)
            form.fields[name].widget.attrs["aria-invalid"] = "true"
