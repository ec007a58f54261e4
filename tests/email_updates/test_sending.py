"""Publishing a news item sends one email to each confirmed subscriber who asked for it (its programmes,
or all news), once ever; none to the unconfirmed, the unmatched or another site's. The emails: a one-click
unsubscribe (List-Unsubscribe and List-Unsubscribe-Post), a plain-text part and an HTML part, no tracking."""

import datetime

import pytest

from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from stp_site.email_updates import updates
from stp_site.email_updates.models import DueUpdate, SentUpdate, Subscriber
from tests.email_updates.helpers import subscriber
from tests.mail_server import body_text
from tests.news_helpers import make_news
from tests.sites import add_site

pytestmark = pytest.mark.django_db


def publish_news(section, capture, title="New clinic opens", programmes=()):
    with capture(execute=True):
        return make_news(section["news"], title, datetime.date(2026, 3, 1), programmes=programmes)


def test_publishing_sends_one_email_per_matching_subscriber_and_none_to_anyone_else(
    section, django_capture_on_commit_callbacks
):
    digital, maternity = section["programmes"]["digital"], section["programmes"]["maternity-and-children"]
    everything = subscriber("all@example.com", all_news=True)
    about_digital = subscriber("digital@example.com", programmes=[digital])
    both = subscriber("both@example.com", all_news=True, programmes=[digital, maternity])
    subscriber("maternity@example.com", programmes=[maternity])
    subscriber("consultations@example.com", consultations=True)
    subscriber("pending@example.com", status=Subscriber.Status.PENDING, all_news=True, programmes=[digital])
    subscriber("elsewhere@example.com", all_news=True, site=add_site())

    page = publish_news(section, django_capture_on_commit_callbacks, programmes=[digital])

    assert sorted(message.to[0] for message in mail.outbox) == sorted(
        [everything.email, about_digital.email, both.email]
    )
    assert SentUpdate.objects.filter(page=page).count() == 3
    by_address = {message.to[0]: message for message in mail.outbox}
    assert "because you asked for news about Digital" in by_address[about_digital.email].body
    assert "because you asked for all our news" in by_address[everything.email].body


def test_republishing_sends_nothing_more(section, django_capture_on_commit_callbacks):
    subscriber(all_news=True)
    page = publish_news(section, django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 1
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "New clinic opens in Stafford"
        page.save_revision().publish()
    assert len(mail.outbox) == 1
    updates.send_update(page.pk)  # the task run again by hand, or by a second worker
    assert len(mail.outbox) == 1


def test_someone_who_subscribed_after_first_publication_is_not_sent_old_news_on_a_republish(
    section, django_capture_on_commit_callbacks
):
    page = publish_news(section, django_capture_on_commit_callbacks)
    subscriber(all_news=True).__class__.objects.update(confirmed_at=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    assert mail.outbox == []


def test_a_private_news_item_sends_nothing(section, django_capture_on_commit_callbacks):
    from wagtail.models import PageViewRestriction

    subscriber(all_news=True)
    PageViewRestriction.objects.create(page=section["news"], restriction_type=PageViewRestriction.LOGIN)
    publish_news(section, django_capture_on_commit_callbacks)
    assert mail.outbox == []


def test_other_pages_send_nothing(section, django_capture_on_commit_callbacks):
    subscriber(all_news=True, consultations=True)
    with django_capture_on_commit_callbacks(execute=True):
        section["programmes"]["digital"].save_revision().publish()
    assert mail.outbox == []


def test_the_update_email_over_a_real_smtp_server(section, smtp_server, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_UPDATES_BATCH_SIZE = 2
    settings.EMAIL_UPDATES_UNSUBSCRIBE_MAILTO = "unsubscribe@example.org"
    people = [subscriber(f"person{n}@example.com", all_news=True) for n in range(3)]
    page = publish_news(section, django_capture_on_commit_callbacks)

    arrived = smtp_server.wait_for(3, seconds=10)
    assert len(arrived) == 3
    # Batches of 2: two SMTP connections for three emails, not one each.
    assert len({item.session for item in smtp_server.received}) == 2
    message = smtp_server.messages(to=people[0].email)[0]
    assert message["Subject"] == "News: New clinic opens"
    unsubscribe = f"http://localhost/email-updates/unsubscribe/{people[0].key}/"
    assert (
        message["List-Unsubscribe"].strip() == f"<{unsubscribe}>, <mailto:unsubscribe@example.org?subject=unsubscribe>"
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message.get_content_type() == "multipart/alternative"
    text, html = body_text(message), body_text(message, "html")
    assert page.get_full_url() in text
    assert "Summary of New clinic opens." in text
    assert f"http://localhost/email-updates/manage/{people[0].key}/" in text
    assert unsubscribe in text and f'href="{unsubscribe}"' in html
    assert f'href="{page.get_full_url()}"' in html
    assert "<img" not in html  # no tracking pixel
    hrefs = [part.split('"')[0] for part in html.split('href="')[1:]]
    assert all(href.startswith("http://localhost/") for href in hrefs)  # no redirected links


def test_a_failed_send_gives_back_the_claims_so_a_rerun_sends_them(
    section, settings, django_capture_on_commit_callbacks
):
    subscriber(all_news=True)
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", 9  # nothing listens: the send fails
    page = publish_news(section, django_capture_on_commit_callbacks)  # the task fails (its result says so)
    assert not SentUpdate.objects.exists()
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert updates.send_update(page.pk) == 1
    assert len(mail.outbox) == 1


def test_a_consultation_that_opens_later_is_sent_when_it_opens(section, monkeypatch):
    subscriber(consultations=True)
    subscriber("news@example.com", all_news=True)
    page = make_news(section["news"], "Have your say on stroke care", datetime.date(2026, 3, 1))
    mail.outbox.clear()
    monkeypatch.setattr(updates, "kind_of", lambda page: updates.CONSULTATION)
    later = timezone.now() + datetime.timedelta(days=2)
    monkeypatch.setattr(updates, "opens_at", lambda page: later)
    assert updates.send_update(page.pk) == 0
    assert DueUpdate.objects.get(page=page).due_at == later
    call_command("send_due_updates")
    assert mail.outbox == [] and DueUpdate.objects.exists()  # not yet

    DueUpdate.objects.update(due_at=timezone.now())
    monkeypatch.setattr(updates, "opens_at", lambda page: None)
    call_command("send_due_updates")
    assert [message.to for message in mail.outbox] == [["resident@example.com"]]
    assert mail.outbox[0].subject == "New consultation: Have your say on stroke care"
    assert not DueUpdate.objects.exists()


def test_a_consultation_page_is_recognised_by_its_label_alone():
    class Meta:
        label = "consultations.ConsultationPage"

    class Page:
        specific_class = type("ConsultationPage", (), {"_meta": Meta})

    assert updates.kind_of(Page()) == updates.CONSULTATION
    assert updates.opens_at(type("P", (), {"opens_on": datetime.date(2030, 1, 2)})()).date() == datetime.date(
        2030, 1, 2
    )
