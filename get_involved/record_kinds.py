"""The two kinds of record get_involved itself takes, registered with resident_records.py: sign-ups to
reference groups and questions to board and committee meetings."""

import time

from . import personal_data, question_views, questions, sign_ups, views
from .forms import QuestionForm, SignUpForm
from .resident_records import RecordKind, register
from .spool import QUESTION, SIGN_UP, write


def spool_sign_up(request, known, form):
    write(known["group_id"], form.cleaned_data, privacy_notice_url=known["privacy"])
    return views.spooled_response(request, known["title"], known["privacy"])


def spool_question(request, known, form):
    # Sent after the deadline by someone who started before it: kept, marked late, and they are told.
    late = bool(known.get("closes_at")) and time.time() >= known["closes_at"]
    write(known["group_id"], {**form.cleaned_data, "late": late}, known["privacy"], kind=QUESTION)
    return question_views.spooled_response(request, known["title"], late=late)


def register_kinds():
    register(
        RecordKind(
            name=SIGN_UP,
            label="sign-up(s)",
            purge_expired=personal_data.purge_sign_ups,
            store_spooled=sign_ups.store_spooled,
            outage_form=lambda known, data: SignUpForm(data),
            spool_and_thank=spool_sign_up,
            records_for=personal_data.sign_ups_for,
        )
    )
    register(
        RecordKind(
            name=QUESTION,
            label="question(s)",
            purge_expired=personal_data.purge_questions,
            store_spooled=questions.store_spooled,
            outage_form=lambda known, data: QuestionForm(data),
            spool_and_thank=spool_question,
            records_for=personal_data.questions_for,
        )
    )
