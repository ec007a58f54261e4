"""Consultations' models: the pages (pages.py) and the responses residents send (records.py)."""

from .records import ConsultationResponse, ConsultationSettings, answer_text, response_expiry_for

from .pages import (  # isort: skip
    ConsultationFormat,
    ConsultationIndexPage,
    ConsultationPage,
    OutcomePage,
    OutcomeTheme,
    QuestionnaireField,
)

__all__ = [
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
