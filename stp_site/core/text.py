"""Checks for text residents type into the site's forms (sign-ups, questions, page feedback)."""

import unicodedata

from django import forms

# Characters that change text direction invisibly (Trojan Source); refused with a clear message.
BIDI_CONTROLS = {"\u061c", "\u200e", "\u200f", *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))}


def clean_text(value, label, multiline=False):
    """NFC-normalise and refuse the characters that have no place in a form answer."""
    if "\x00" in value:
        raise forms.ValidationError(f"{label} contains a character we cannot store. Type it again.", code="nul")
    if any(char in BIDI_CONTROLS for char in value):
        raise forms.ValidationError(
            f"{label} contains hidden text direction marks. Type it again rather than copying and pasting it.",
            code="bidi",
        )
    allowed_controls = "\n\r\t" if multiline else ""
    if any(unicodedata.category(char) == "Cc" and char not in allowed_controls for char in value):
        raise forms.ValidationError(f"{label} contains a character we cannot store. Type it again.", code="control")
    return unicodedata.normalize("NFC", value)
