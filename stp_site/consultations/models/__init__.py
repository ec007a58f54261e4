"""Consultations' models: the pages (pages.py) and the responses residents send (records.py)."""

from .records import ConsultationResponse, ConsultationSettings, answer_text, response_expiry_for

from .pages import (  # isort: skip
    ConsultationEvent,
    ConsultationFormat,
    ConsultationIndexPage,
    ConsultationPage,
    OutcomePage,
    OutcomeTheme,
    QuestionnaireField,
)

__all__ = [
    "ConsultationEvent",
    "ConsultationFormat",
    "ConsultationIndexPage",
    "ConsultationPage",
    "ConsultationResponse",
    "ConsultationSettings",
    "OutcomePage",
    "OutcomeTheme",
    "QuestionnaireField",
    "answer_text",
    "response_expiry_for",
]
