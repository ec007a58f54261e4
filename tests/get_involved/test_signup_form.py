"""The sign-up form: good input stores one row and says thank you; every kind of bad input gives the
NHS error summary (or a 4xx page), never a 500, stores nothing and keeps the answers."""

import html
import re

import pytest
from pytest_django.asserts import assertInHTML

from django.core import mail
from django.test import Client

from get_involved.models import EqualityAnswers, SignUp
from stp_site.core.models import SiteSettings
from stp_site.home.models import StandardPage
from tests import html as h
from tests.factories import publish
from tests.get_involved.fixtures import COORDINATOR, EMAIL, NAME, PHONE, PHONE_E164, SUPPORT, valid_data
from tests.sites import default_site

pytestmark = pytest.mark.django_db


def post(client, group, data):
    return client.post(group.url, data)


def assert_error_page(response, *messages):
    assert response.status_code == 200, response.status_code
    content = response.content.decode()
    assert re.search(r"<title>Error: ", content)
    assert h.elements(content, class_="nhsuk-error-summary", role="alert", tabindex="-1")
    assertInHTML('<span class="nhsuk-u-visually-hidden">Error:</span>', content, count=None)
    for message in messages:
        assert html.escape(message) in content, message
    assert SignUp.objects.count() == 0
    assert EqualityAnswers.objects.count() == 0
    return content


def test_good_sign_up_stores_one_row_redirects_and_notifies_without_personal_data(
    client, group, partner, django_capture_on_commit_callbacks
):
    data = valid_data(
        ref=partner.code,
        equality_consent="on",
        age_band="45_54",
        ethnic_group="prefer_not",
        disability="no",
        sex="female",
        gender_same_as_birth="yes",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, group, data)
    assert response.status_code == 303
    assert response["Location"] == group.url + "thank-you/"
    assert "no-store" in response["Cache-Control"]

    sign_up = SignUp.objects.get()
    assert sign_up.group_id == group.pk
    assert sign_up.full_name == NAME
    assert sign_up.email == EMAIL
    assert sign_up.phone == PHONE_E164
    assert sign_up.postcode == "ST4 1AA"
    assert sign_up.take_part == ["meetings", "online"]
    assert sign_up.support_needs == SUPPORT
    assert sign_up.referral == partner
    assert sign_up.consent_to_contact is True
    assert sign_up.expires_at > sign_up.created_at
    answers = EqualityAnswers.objects.get(sign_up=sign_up)
    assert (answers.age_band, answers.ethnic_group, answers.sex) == ("45_54", "prefer_not", "female")

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [COORDINATOR]
    text = message.subject + message.body
    for personal in (NAME, "Siân", EMAIL, PHONE, PHONE_E164, "ST4 1AA", "45_54", SUPPORT):
        assert personal not in text
    assert f"/admin/signups/inspect/{sign_up.pk}/" in message.body

    thank_you = client.get(response["Location"])
    assert thank_you.status_code == 200
    assert "Thank you for signing up" in thank_you.content.decode()
    assert "no-store" in thank_you["Cache-Control"]


def test_equality_answers_are_not_kept_without_their_own_consent(client, group):
    response = post(client, group, valid_data(age_band="45_54", sex="female"))
    assert response.status_code == 303
    assert SignUp.objects.count() == 1
    assert EqualityAnswers.objects.count() == 0


def test_form_page_is_never_cached_and_prefills_referral(client, group, partner, privacy_notice):
    response = client.get(group.url + "?ref=healthwatch-staffordshire")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    content = response.content.decode()
    assert h.elements(content, "input", name="ref", value="healthwatch-staffordshire")
    assert h.elements(content, "input", value="Healthwatch Staffordshire")
    assert not response.cookies.get("ref")
    assert "/privacy/" in h.hrefs(content)
    # One label per field, autocomplete attributes, fieldsets with legends.
    for field_id in ("id_full_name", "id_email", "id_phone", "id_postcode", "id_support_needs"):
        assert len(h.elements(content, "label", for_=field_id)) == 1
    for field_id, autocomplete in [
        ("id_full_name", "name"),
        ("id_email", "email"),
        ("id_phone", "tel"),
        ("id_postcode", "postal-code"),
    ]:
        assert h.attribute(content, "input", "autocomplete", id=field_id) == autocomplete
    assert len(h.elements(content, "legend")) >= 8
    # The honeypot is out of reach for people and assistive technology.
    honeypot = h.element(content, "div", class_="honeypot", aria_hidden="true")
    assert h.elements(honeypot, "input", name="website", type="text", tabindex="-1", autocomplete="off")


def test_sign_up_records_the_privacy_notice_the_form_showed(client, home, group):
    """The consent is to the notice the resident could read: the page chosen in the site settings."""
    notice = publish(home, StandardPage(title="How we use your data", slug="how-we-use-your-data"))
    site_settings = SiteSettings.for_site(default_site())
    site_settings.privacy_notice_page = notice
    site_settings.save()
    form_page = client.get(group.url).content.decode()
    assert ("/how-we-use-your-data/", "Read our privacy notice") in h.links(form_page)
    assert "/privacy/" not in h.hrefs(form_page)
    response = post(client, group, valid_data())
    assert response.status_code == 303
    assert SignUp.objects.get().consent_privacy_notice_url == "/how-we-use-your-data/"


def test_without_a_privacy_notice_chosen_the_sign_up_records_none(client, group):
    assert post(client, group, valid_data()).status_code == 303
    assert SignUp.objects.get().consent_privacy_notice_url == ""


def test_unknown_referral_code_is_ignored(client, group):
    response = client.get(group.url + "?ref=<script>")
    assert response.status_code == 200
    assert "script" not in (dict(h.element(response.content, "input", name="ref").attributes).get("value") or "")
    response = post(client, group, valid_data(ref="no-such-partner"))
    assert response.status_code == 303
    assert SignUp.objects.get().referral is None
    SignUp.objects.all().delete()
    assert post(client, group, valid_data(ref="x" * 5000 + "\x00")).status_code == 303


def test_empty_form(client, group):
    response = client.post(group.url, {})
    assert response.status_code == 400  # no timing token: treated as a bot, nothing stored
    response = post(
        client,
        group,
        valid_data(
            full_name="",
            email="",
            phone="",
            postcode="",
            take_part=None,
            consent=None,
            support_needs="",
            heard_about="",
        ),
    )
    assert_error_page(
        response,
        "Enter your full name",
        "Enter an email address or a phone number, so we can contact you",
        "Enter your postcode",
        "Select how you would like to take part",
        "Tick the box to say we can contact you about this group",
    )
    content = response.content.decode()
    for target in ("#id_full_name", "#id_email", "#id_postcode", "#id_take_part_0", "#id_consent"):
        assert target in h.hrefs(content)


@pytest.mark.parametrize(
    ("field", "limit"),
    [
        ("full_name", 100),
        ("email", 254),
        ("phone", 30),
        ("postcode", 10),
        ("support_needs", 1000),
        ("heard_about", 200),
    ],
)
def test_every_field_too_long(client, group, field, limit):
    value = "a" * (limit + 1)
    response = post(client, group, valid_data(**{field: value}))
    content = assert_error_page(response)
    assert value in content  # the answer is kept


def test_one_megabyte_field(client, group):
    big = "x" * 1_000_000
    response = post(client, group, valid_data(support_needs=big))
    assert_error_page(response, "Do you need any support to take part? must be 1000 characters or fewer")


@pytest.mark.parametrize("field", ["full_name", "support_needs", "heard_about", "email", "postcode"])
def test_nul_byte_refused(client, group, field):
    response = post(client, group, valid_data(**{field: "ab\x00cd"}))
    assert_error_page(response)


@pytest.mark.parametrize(
    "value",
    ["<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "Robert'); DROP TABLE get_involved_signup;--"],
)
def test_markup_and_sql_in_name_refused_and_escaped(client, group, value):
    response = post(client, group, valid_data(full_name=value))
    content = assert_error_page(response, "Your name can only include letters")
    assert value not in content
    assert html.escape(value) in content


def test_markup_and_sql_in_free_text_stored_as_text(client, group):
    value = "'; DROP TABLE get_involved_signup; -- <script>alert(1)</script>"
    assert post(client, group, valid_data(support_needs=value)).status_code == 303
    assert SignUp.objects.get().support_needs == value


def test_emoji_in_name_refused(client, group):
    response = post(client, group, valid_data(full_name="Sam 😀"))
    assert_error_page(response, "Your name can only include letters")
    assert "Sam 😀" in response.content.decode()


@pytest.mark.parametrize(
    "name", ["Siân", "O'Brien", "Nguyễn Văn An", "李小龙", "Teuila", "Zoë-Jane Smith", "محمد علي"]
)
def test_names_as_people_write_them(client, group, name):
    response = post(client, group, valid_data(full_name=name, email="", phone=PHONE))
    assert response.status_code == 303
    assert SignUp.objects.get().full_name == name


def test_text_is_normalised_to_nfc(client, group):
    decomposed = "Sia\u0302n"  # a + combining circumflex
    assert post(client, group, valid_data(full_name=decomposed)).status_code == 303
    assert SignUp.objects.get().full_name == "Si\u00e2n"


@pytest.mark.parametrize("field", ["full_name", "support_needs", "heard_about"])
def test_bidi_controls_refused_with_clear_message(client, group, field):
    response = post(client, group, valid_data(**{field: "abc\u202edcba"}))
    assert_error_page(response, "hidden text direction marks")


def test_right_to_left_text_accepted(client, group):
    response = post(client, group, valid_data(full_name="דוד לוי", support_needs="أحتاج إلى مترجم"))
    assert response.status_code == 303
    assert SignUp.objects.get().support_needs == "أحتاج إلى مترجم"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("email", "not-an-email", "Enter an email address in the correct format"),
        ("email", "a@b", "Enter an email address in the correct format"),
        ("phone", "12345", "Enter a phone number"),
        ("phone", "call me", "Enter a phone number"),
        ("postcode", "ST4", "Enter a real postcode"),
        ("postcode", "12345", "Enter a real postcode"),
    ],
)
def test_invalid_email_phone_postcode(client, group, field, value, message):
    response = post(client, group, valid_data(**{field: value}))
    content = assert_error_page(response, message)
    assert h.elements(content, "input", value=value)


@pytest.mark.parametrize("postcode", ["sw1a1aa", " SW1A 1AA ", "Sw1A  1aA"])
def test_valid_odd_postcodes_are_normalised(client, group, postcode):
    assert post(client, group, valid_data(postcode=postcode)).status_code == 303
    assert SignUp.objects.get().postcode == "SW1A 1AA"


@pytest.mark.parametrize("phone", ["01782 683080", "+44 1782 683080", "(01782) 683-080", "0800 051 8371"])
def test_phone_numbers_stored_in_e164(client, group, phone):
    assert post(client, group, valid_data(phone=phone, email="")).status_code == 303
    assert SignUp.objects.get().phone in ("+441782683080", "+448000518371")


def test_email_is_normalised(client, group):
    assert post(client, group, valid_data(email=" Sian@Example.COM ")).status_code == 303
    assert SignUp.objects.get().email == "sian@example.com"


@pytest.mark.parametrize(("field", "value"), [("take_part", ["skydiving"]), ("age_band", "ninety"), ("sex", "<b>")])
def test_choice_not_in_list(client, group, field, value):
    data = valid_data(equality_consent="on", **{field: value})
    assert_error_page(post(client, group, data), "answers shown")


def test_consent_missing(client, group):
    content = assert_error_page(
        post(client, group, valid_data(consent=None)), "Tick the box to say we can contact you about this group"
    )
    # Every other answer is kept.
    assert h.elements(content, "input", name="full_name", value=NAME)
    assert h.elements(content, "input", value="meetings", checked=True)


def test_no_csrf_token_gives_nhs_style_403(group):
    client = Client(enforce_csrf_checks=True)
    response = client.post(group.url, valid_data())
    assert response.status_code == 403
    content = response.content.decode()
    assert "Sorry, your form could not be sent" in content
    assert "nhsuk-header" in content
    assert SignUp.objects.count() == 0


def test_csrf_token_round_trip_works(group):
    client = Client(enforce_csrf_checks=True)
    page = client.get(group.url)
    token = h.attribute(h.element(page.content, "form", method="post"), "input", "value", name="csrfmiddlewaretoken")
    assert client.post(group.url, valid_data(csrfmiddlewaretoken=token)).status_code == 303
    assert SignUp.objects.count() == 1


def test_get_with_form_parameters_stores_nothing(client, group):
    response = client.get(group.url, valid_data())
    assert response.status_code == 200
    assert SignUp.objects.count() == 0
    assert NAME not in response.content.decode()


def test_other_methods_are_refused(client, group):
    assert client.put(group.url).status_code == 405
    assert client.delete(group.url).status_code == 405
    assert client.post(group.url + "thank-you/").status_code == 405
    assert SignUp.objects.count() == 0


def test_replaying_one_valid_post_twenty_times_stores_one_row(client, group):
    data = valid_data()
    for _ in range(20):
        response = post(client, group, data)
        assert response.status_code == 303
        assert response["Location"].endswith("/thank-you/")
    assert SignUp.objects.count() == 1


def test_same_phone_other_email_is_stored_and_flagged_and_other_groups_are_separate(client, group, get_involved):
    """A second email with a phone the group has is not dropped: it may be someone else in the household."""
    from get_involved.models import ReferenceGroupPage
    from tests.factories import publish

    assert post(client, group, valid_data()).status_code == 303
    assert post(client, group, valid_data(email="other@example.com")).status_code == 303
    assert list(SignUp.objects.order_by("pk").values_list("possible_duplicate", flat=True)) == [False, True]
    other = publish(get_involved["index"], ReferenceGroupPage(title="Planned care", slug="planned", what_it_does="x"))
    assert post(client, other, valid_data()).status_code == 303
    assert SignUp.objects.filter(group=other, possible_duplicate=False).count() == 1


def test_honeypot_stores_nothing(client, group):
    response = post(client, group, valid_data(website="http://spam.example"))
    assert response.status_code == 400
    assert "Sorry, your form was not sent" in response.content.decode()
    assert SignUp.objects.count() == 0


@pytest.mark.parametrize("started", ["now", "forged", ""])
def test_too_fast_or_forged_timing_stores_nothing(client, group, started):
    from get_involved.forms import make_started_token

    token = {"now": make_started_token(), "forged": "1700000000:abc", "": ""}[started]
    response = post(client, group, valid_data(started=token))
    assert response.status_code == 400
    assert SignUp.objects.count() == 0


def test_slow_resident_is_never_locked_out(client, group):
    from get_involved.forms import make_started_token

    response = post(client, group, valid_data(started=make_started_token(0)))  # shown in 1970
    assert response.status_code == 303


def test_rate_limit_gives_clear_message_and_keeps_answers(client, group, settings):
    settings.SIGNUP_RATE_LIMIT = "3/h"
    for _ in range(3):
        assert post(client, group, valid_data(full_name="")).status_code == 200
    response = post(client, group, valid_data())
    assert response.status_code == 429
    content = response.content.decode()
    assert "Please wait before you try again" in content
    assert h.elements(content, "input", name="full_name", value=NAME)
    assert SignUp.objects.count() == 0
    # Another address is not limited.
    assert client.post(group.url, valid_data(), REMOTE_ADDR="192.0.2.50").status_code == 303


def test_form_and_sign_up_use_few_queries(client, group):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(group.url)  # warm the cached site chrome
    with CaptureQueriesContext(connection) as get_queries:
        client.get(group.url)
    with CaptureQueriesContext(connection) as post_queries:
        assert post(client, group, valid_data()).status_code == 303
    assert len(get_queries.captured_queries) <= 12
    # Wagtail's routing and the page's URL, then: savepoint, lock timeout, duplicate check, settings, insert.
    assert len(post_queries.captured_queries) <= 20
    assert not any("wagtailcore_referenceindex" in query["sql"] for query in post_queries.captured_queries)
