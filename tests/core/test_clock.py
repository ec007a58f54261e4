"""Times as residents read them, the NHS.UK way: "5pm", "10:30am", "midday", on the clock in England
(GMT in winter, BST in summer), from a time or from a stored moment (the `clock` template filter)."""

import datetime

import pytest

from django.template import Context, Template

from stp_site.core.times import clock

UTC = datetime.UTC


@pytest.mark.parametrize(
    ("time", "shown"),
    [
        (datetime.time(17), "5pm"),
        (datetime.time(10, 30), "10:30am"),
        (datetime.time(12), "midday"),
        (datetime.time(0), "midnight"),
    ],
)
def test_times_are_written_the_nhs_way(time, shown):
    assert clock(time) == shown


def test_the_filter_shows_a_stored_moment_on_the_clock_in_england():
    template = Template("{% load core_tags %}{{ winter|clock }} and {{ summer|clock }}")
    winter = datetime.datetime(2027, 1, 13, 17, tzinfo=UTC)  # GMT: 5pm
    summer = datetime.datetime(2027, 7, 13, 16, tzinfo=UTC)  # BST: 5pm
    assert template.render(Context({"winter": winter, "summer": summer})) == "5pm and 5pm"
