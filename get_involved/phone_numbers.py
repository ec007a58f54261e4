"""Phone numbers as the site stores them: E.164 (+447700900123), read as UK numbers unless they say otherwise."""

import phonenumbers


def normalise_phone(value):
    """The number in E.164, or None if it is not a real phone number."""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
