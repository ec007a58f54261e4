"""Get involved's models: the pages (pages.py) and the personal data residents send (records.py).

Two modules, so that the sign-up service can use the records while the pages use the service.
"""

from .records import (
    DataProtectionLog,
    EqualityAnswers,
    PublicQuestion,
    ReferralPartner,
    SignUp,
    SignUpSettings,
    expiry_for,
)

from .pages import GetInvolvedPage, ReferenceGroupIndexPage, ReferenceGroupPage  # isort: skip

__all__ = [
    "DataProtectionLog",
    "EqualityAnswers",
    "GetInvolvedPage",
    "PublicQuestion",
    "ReferenceGroupIndexPage",
    "ReferenceGroupPage",
    "ReferralPartner",
    "SignUp",
    "SignUpSettings",
    "expiry_for",
]
