import time

import pytest

from get_involved.forms import make_started_token

from .factories import ConsultationIndexPageFactory, ConsultationPageFactory, with_questionnaire


@pytest.fixture
def consultations(get_involved):
    return ConsultationIndexPageFactory(parent=get_involved["page"], intro="<p>Have your say on our plans.</p>")


@pytest.fixture
def exercise(consultations, privacy_notice):
    page = ConsultationPageFactory(parent=consultations, title="A new clinic for Leek", slug="leek-clinic")
    return with_questionnaire(page)


def good(**changes):
    """A complete, valid response as a browser would POST it (the form shown a minute ago)."""
    data = {
        "q_what_matters_most_to_you": "Being seen quickly, near home.",
        "q_which_town_do_you_live_in": "Leek",
        "q_which_services_have_you_used": ["GP", "Pharmacy"],
        "q_how_far_would_you_travel_in_miles": "5",
        "q_your_age_group": "65 or over",
        "q_when_did_you_last_see_a_gp_0": "3",
        "q_when_did_you_last_see_a_gp_1": "11",
        "q_when_did_you_last_see_a_gp_2": "2026",
        "q_your_postcode_area": "ST13",
        "q_another_email_for_a_friend": "",
        "full_name": "Siân O'Brien",
        "email": "Sian@Example.com",
        "phone": "",
        "hear_back": "on",
        "consent": "on",
        "ref": "",
        "started": make_started_token(time.time() - 60),
        "website": "",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}
