"""Email updates end to end on the production topology: nginx and gunicorn, the real task queue in
PostgreSQL (django-tasks-db) and its worker (`manage.py db_worker --backend mail`), and a real SMTP server
(aiosmtpd) that the worker sends to. A resident subscribes, reads the confirmation email, confirms; a news
item is published in the harness's database; exactly one email arrives; its List-Unsubscribe URL, posted
with one click and no cookie, stops any more."""

import json
import re
import time

import pytest

from scripts.production_site import hidden_fields, manage, production_site
from tests.mail_server import MailServer, body_text

# The test's own time includes starting the whole topology (about 4 minutes on a busy 2-core machine).
pytestmark = [pytest.mark.smoke, pytest.mark.timeout(900)]

EMAIL = "end-to-end@example.com"
DEADLINE_SECONDS = 60

PUBLISH = """
import json
from wagtail.models import Site
from news.models import NewsIndexPage, NewsPage
from programmes.models import ProgrammePage
site = Site.objects.get(is_default_site=True)
index = NewsIndexPage.objects.in_site(site.root_page.path).get()
page = NewsPage(title={title!r}, slug={slug!r}, listing_summary="A short summary for the email.")
page.programmes = [ProgrammePage.objects.get(pk={programme})]
index.add_child(instance=page)
page.save_revision().publish()
print("PAGE=" + json.dumps({{"id": page.pk, "url": page.get_full_url()}}))
"""

TASKS_LEFT = """
from django_tasks_db.models import DBTaskResult
print("LEFT=%d" % DBTaskResult.objects.filter(status__in=["READY", "RUNNING"]).count())
print("FAILED=%d" % DBTaskResult.objects.filter(status="FAILED").count())
"""


@pytest.fixture(scope="module")
def mail_server():
    with MailServer() as server:
        yield server


@pytest.fixture(scope="module")
def site(mail_server):
    with production_site(
        cache="file", SECURE_SSL_REDIRECT="true", SIGNUP_MIN_SECONDS="0", mail_server=mail_server
    ) as site:
        yield site


def _value(output, name):
    return next(line for line in output.splitlines() if line.startswith(f"{name}="))[len(name) + 1 :]


def publish_news(site, title, programme):
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    output = manage(site.env, "shell", "-c", PUBLISH.format(title=title, slug=slug, programme=programme))
    return json.loads(_value(output, "PAGE"))


def wait_until_the_queue_is_empty(site):
    deadline = time.monotonic() + DEADLINE_SECONDS
    while True:
        output = manage(site.env, "shell", "-c", TASKS_LEFT)
        if int(_value(output, "LEFT")) == 0:
            assert int(_value(output, "FAILED")) == 0, site.log("mail-worker")
            return
        assert site.mail_worker.poll() is None, site.log("mail-worker")
        assert time.monotonic() < deadline, f"the mail queue was not empty after {DEADLINE_SECONDS} s"


def test_subscribe_confirm_publish_receive_one_email_and_unsubscribe_with_one_click(site, mail_server):
    resident = site.client("127.0.0.31")
    form = resident.get("/get-involved/email-updates/")
    assert form.status == 200, form.text[:500]
    assert "no-store" in form.headers["Cache-Control"]
    programme_id, programme_title = re.search(
        r'value="programme-(\d+)">\s*<label[^>]*>News about ([^<]+)<', form.text
    ).groups()
    data = [
        *hidden_fields(form.text).items(),
        ("email", EMAIL),
        ("topics", f"programme-{programme_id}"),
        ("consent", "on"),
    ]
    response = resident.post("/get-involved/email-updates/", data)
    assert response.status == 303, response.text[:1000]
    assert response.headers["Location"].endswith("/get-involved/email-updates/check-your-email/")

    # The confirmation is sent by the worker, not the request.
    (confirmation,) = mail_server.wait_for(1, to=EMAIL, seconds=DEADLINE_SECONDS)
    assert confirmation["Subject"] == "Confirm you want email updates"
    assert confirmation["List-Unsubscribe"] is None
    link = re.search(r"https?://[^/\s]+(/email-updates/confirm/\S+/)", body_text(confirmation)).group(1)
    confirmed = resident.get(link)
    assert confirmed.status == 200
    assert "You will now get email updates" in confirmed.text

    news = publish_news(site, "A new stroke unit opens", programme_id)
    arrived = mail_server.wait_for(2, to=EMAIL, seconds=DEADLINE_SECONDS)
    wait_until_the_queue_is_empty(site)
    update = mail_server.messages(to=EMAIL)[1:]
    assert len(update) == 1, [message["Subject"] for message in arrived]
    (update,) = update
    assert update["Subject"] == "News: A new stroke unit opens"
    assert update["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert f"because you asked for news about {programme_title.strip()}" in body_text(update)
    assert news["url"] in body_text(update)
    unsubscribe = re.search(r"<https?://[^/>]+(/email-updates/unsubscribe/[^>]+/)>", update["List-Unsubscribe"]).group(
        1
    )

    # What a mail provider sends for the one-click button: a POST with no cookie, no CSRF token, no Origin.
    provider = site.client("127.0.0.32")
    done = provider.request(
        "POST", unsubscribe, body="List-Unsubscribe=One-Click",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )  # fmt: skip
    assert done.status == 200, done.text[:500]
    assert "You will not get any more email updates" in done.text

    publish_news(site, "Stroke unit: first month", programme_id)
    wait_until_the_queue_is_empty(site)
    assert len(mail_server.messages(to=EMAIL)) == 2
    assert EMAIL not in site.log("gunicorn") + site.log("mail-worker")
