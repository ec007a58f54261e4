"""The publication timeline: a new paper is scheduled for when the meeting's papers are due (a number of
working days before it, per site) and goes live with `publish_scheduled`; the admin report and the
dashboard list meetings whose papers are late or whose draft minutes are overdue."""

import csv
import datetime
import io

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command
from django.utils import timezone

from wagtail.models import GroupPagePermission, Page, Site
from wagtail.test.utils.form_data import nested_form_data, querydict_from_html, rich_text, streamfield

from stp_site.governance.attention import LATE_PAPERS, OVERDUE_MINUTES, meetings_needing_attention
from stp_site.governance.deadlines import working_days_after, working_days_before
from stp_site.governance.models import GovernanceSettings, MeetingPage, PaperPage
from tests import html as h
from tests.sites import add_site
from tests.staff import sign_in

from .factories import MeetingPageFactory, PaperPageFactory, agenda_item, make_governance, set_agenda

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture
def section(home):
    return make_governance(home)


def today():
    return timezone.localdate()


def meeting(section, day, **fields):
    return MeetingPageFactory(parent=section["index"], committees=[section["board"]], date=day, **fields)


# --- Scheduling papers ----------------------------------------------------------------------------------


def test_a_new_paper_is_scheduled_for_when_papers_are_due(editor_client, section):
    board_meeting = meeting(section, datetime.date(2031, 5, 8))
    response = editor_client.get(f"/admin/pages/add/governance/paperpage/{board_meeting.pk}/")
    assert response.status_code == 200
    # 5 working days before Thursday 8 May 2031, skipping the bank holiday on Monday 5 May; at 9am.
    assert h.attribute(response.content.decode(), "input", "value", name="go_live_at") == "2031-04-30 09:00"


def test_no_schedule_is_suggested_once_the_papers_are_due(editor_client, section):
    soon = meeting(section, today() + DAY)
    html = editor_client.get(f"/admin/pages/add/governance/paperpage/{soon.pk}/").content.decode()
    assert dict(h.element(html, "input", name="go_live_at").attributes).get("value") in ("", None)


def test_a_scheduled_paper_goes_live_with_publish_scheduled(editor_client, client, section):
    board_meeting = meeting(section, datetime.date(2031, 5, 8))
    add_url = f"/admin/pages/add/governance/paperpage/{board_meeting.pk}/"
    data = querydict_from_html(editor_client.get(add_url).content.decode(), form_id="page-edit-form")
    data["title"], data["slug"], data["action-publish"] = "Winter plan", "winter-plan", "action-publish"
    # The StreamField is built by script in a browser: added here as it would send it.
    data.update(nested_form_data({"body": streamfield([("rich_text", rich_text("<p>We will open more beds.</p>"))])}))
    response = editor_client.post(add_url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    paper = PaperPage.objects.get(slug="winter-plan")
    assert not paper.live
    due = datetime.datetime(2031, 4, 30, 9, 0, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))  # BST
    assert paper.get_latest_revision().approved_go_live_at == due
    set_agenda(board_meeting, agenda_item("Winter plan", papers=[paper]))
    html = client.get(board_meeting.url).content.decode()
    assert "Winter plan" in html and paper.url not in html  # on the agenda, not yet linked
    assert "We will publish the papers by Wednesday 30 April 2031." in html

    # The due time comes (here: the schedule is moved into the past), and the scheduler runs.
    past = timezone.now() - DAY
    revision = paper.get_latest_revision()
    revision.content["go_live_at"] = past.isoformat()
    revision.approved_go_live_at = past
    revision.save()
    call_command("publish_scheduled", stdout=io.StringIO())
    paper.refresh_from_db()
    assert paper.live
    html = client.get(board_meeting.url).content.decode()
    assert (paper.url, "Winter plan") in h.links(html)
    assert h.texts(html, "strong", class_="meeting-status") == ["Status: Papers published"]


def test_each_site_sets_its_own_number_of_working_days(client, section, home):
    board_meeting = meeting(section, datetime.date(2031, 3, 13))  # a Thursday
    assert "papers by Thursday 6 March 2031" in client.get(board_meeting.url).content.decode()
    settings = GovernanceSettings.for_site(Site.objects.get(is_default_site=True))
    settings.papers_working_days = 3
    settings.save()
    board_meeting = MeetingPage.objects.get(pk=board_meeting.pk)
    assert board_meeting.papers_due_on == datetime.date(2031, 3, 10)
    assert "papers by Monday 10 March 2031" in client.get(board_meeting.url).content.decode()  # not a stale copy
    other = make_governance(add_site().root_page)
    theirs = MeetingPageFactory(parent=other["index"], committees=[other["board"]], date=datetime.date(2031, 3, 13))
    assert theirs.papers_due_on == datetime.date(2031, 3, 6)  # the default, 5


# --- Late papers and overdue minutes ----------------------------------------------------------------------


@pytest.fixture
def slipped(section):
    """A meeting of each kind: papers late, papers partly late, papers not due yet, minutes overdue, draft
    minutes published, minutes not due yet, a cancelled meeting."""
    papers_due_passed = working_days_after(today(), 2)  # its papers were due 3 working days ago
    not_due = working_days_after(today(), 15)
    minutes_overdue = working_days_before(today(), 16)
    minutes_not_due = working_days_before(today(), 5)
    made = {
        "no_papers": meeting(section, papers_due_passed, title="No papers"),
        "some_papers": meeting(
            section, papers_due_passed, title="Some papers", start_time=datetime.time(14), end_time=datetime.time(15)
        ),
        "not_due": meeting(section, not_due, title="Not due"),
        "no_minutes": meeting(section, minutes_overdue, title="No minutes"),
        "draft_minutes": meeting(
            section, minutes_overdue, title="Draft minutes", start_time=datetime.time(14), end_time=datetime.time(15)
        ),
        "recent": meeting(section, minutes_not_due, title="Recent"),
        "cancelled": meeting(
            section, papers_due_passed, title="Cancelled", status="cancelled", status_notice="Not needed."
        ),
    }
    PaperPageFactory(parent=made["some_papers"], title="Published paper")
    PaperPageFactory(parent=made["some_papers"], title="Draft paper", live=False)
    PaperPageFactory(parent=made["draft_minutes"], title="Draft minutes", kind=PaperPage.MINUTES)
    PaperPageFactory(parent=made["draft_minutes"], title="A late paper, after the meeting", live=False)
    return made


def test_late_papers_and_overdue_minutes_are_found(slipped):
    problems = meetings_needing_attention()
    found = {(problem.meeting.title, problem.kind): problem for problem in problems}
    assert set(found) == {("No papers", LATE_PAPERS), ("Some papers", LATE_PAPERS), ("No minutes", OVERDUE_MINUTES)}
    assert found[("No papers", LATE_PAPERS)].detail == "no papers published"
    assert found[("Some papers", LATE_PAPERS)].detail == "1 paper not published yet"
    assert found[("No papers", LATE_PAPERS)].due == working_days_before(slipped["no_papers"].date, 5)
    minutes = found[("No minutes", OVERDUE_MINUTES)]
    assert minutes.due == working_days_after(slipped["no_minutes"].date, 15)
    assert minutes.days_late == (today() - minutes.due).days > 0
    # Soonest due (so most overdue) first.
    assert [problem.meeting.title for problem in problems] == ["No papers", "Some papers", "No minutes"]


def test_a_copy_on_another_site_is_not_counted_twice(slipped, section):
    other = make_governance(add_site().root_page)
    slipped["no_papers"].create_alias(parent=other["index"])
    assert len(meetings_needing_attention()) == 3


def test_the_report_lists_them_for_staff(editor_client, slipped):
    response = editor_client.get("/admin/reports/meetings-attention/")
    assert response.status_code == 200
    html = response.content.decode()
    rows = h.elements(h.element(html, "table", class_="listing"), "tr")[1:]
    assert [h.text(h.element(row, "td", class_="title")) for row in rows] == ["No papers", "Some papers", "No minutes"]
    assert "Draft minutes overdue" in h.text(rows[2]) and "None published" in h.text(rows[2])
    assert "Papers late" in h.text(rows[1]) and "1 paper not published yet" in h.text(rows[1])
    assert f"/admin/pages/{slipped['no_papers'].pk}/edit/" in h.hrefs(rows[0])
    assert "/admin/reports/meetings-attention/" in editor_client.get("/admin/").content.decode()  # in Reports
    export = editor_client.get("/admin/reports/meetings-attention/?export=csv")
    table = list(
        csv.reader(
            io.StringIO(b"".join(export.streaming_content).decode() if export.streaming else export.content.decode())
        )
    )
    assert table[0] == ["Meeting", "Date", "Problem", "Due", "Days late", "Detail", "Page"]
    assert [row[0] for row in table[1:]] == ["No papers", "Some papers", "No minutes"]


def test_the_report_is_staff_only(client, section):
    response = client.get("/admin/reports/meetings-attention/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


def test_the_dashboard_counts_them_and_links_each(editor_client, slipped):
    html = editor_client.get("/admin/").content.decode()
    panel = h.element(html, "section", id="meetings-attention-section")
    links = h.links(panel)
    assert (f"/admin/pages/{slipped['no_minutes'].pk}/edit/", "No minutes") in links
    assert ("/admin/reports/meetings-attention/", "See the report") in links
    assert "papers late: due" in h.text(panel)
    assert "3 meetings with late papers or minutes" in " ".join(h.text(html).split())


def test_no_panel_when_nothing_is_late(editor_client, section):
    meeting(section, working_days_after(today(), 15))
    html = editor_client.get("/admin/").content.decode()
    assert not h.elements(html, "section", id="meetings-attention-section")
    assert "late papers or minutes" not in html


def test_staff_see_only_meetings_they_may_edit(client, slipped, section):
    other = make_governance(add_site().root_page)
    theirs = MeetingPageFactory(
        parent=other["index"], committees=[other["board"]], date=working_days_after(today(), 2), title="Theirs late"
    )
    group = Group.objects.create(name="Second partnership editors")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    for action in ("add_page", "change_page", "publish_page"):
        GroupPagePermission.objects.create(
            group=group,
            page=Page.objects.get(pk=other["section"].pk),
            permission=Permission.objects.get(codename=action),
        )
    person = get_user_model().objects.create_user("second-editor", password="x" * 16)
    person.groups.add(group)
    assert [problem.meeting.pk for problem in meetings_needing_attention(user=person)] == [theirs.pk]
    sign_in(client, person)
    html = client.get("/admin/reports/meetings-attention/").content.decode()
    rows = h.elements(h.element(html, "table", class_="listing"), "td", class_="title")
    assert [h.text(row) for row in rows] == ["Theirs late"]
