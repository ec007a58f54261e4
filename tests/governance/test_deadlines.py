"""Working days in England: weekends and England's bank holidays (not Scotland's) are skipped."""

from datetime import date

import pytest

from stp_site.governance.deadlines import is_working_day, working_days_after, working_days_before


@pytest.mark.parametrize(
    ("meeting", "days", "due"),
    [
        # Thursday to the Thursday before: five weekdays, no holidays.
        (date(2026, 3, 12), 5, date(2026, 3, 5)),
        # Over a weekend: Monday back to the Friday.
        (date(2026, 3, 9), 1, date(2026, 3, 6)),
        # A meeting on a Saturday counts back from the Friday.
        (date(2026, 3, 14), 1, date(2026, 3, 13)),
        # Easter 2026: Good Friday 3 April and Easter Monday 6 April are skipped.
        (date(2026, 4, 9), 5, date(2026, 3, 31)),
        # Early May bank holiday, Monday 4 May 2026.
        (date(2026, 5, 7), 5, date(2026, 4, 29)),
        # Christmas 2026: Friday 25 December, and Boxing Day (a Saturday) observed on Monday 28.
        (date(2026, 12, 31), 3, date(2026, 12, 24)),
        # New Year's Day 2027 is a Friday.
        (date(2027, 1, 5), 3, date(2026, 12, 30)),
        # Summer bank holiday in England is 31 August 2026 (Scotland's, 3 August, counts as a working day).
        (date(2026, 9, 2), 2, date(2026, 8, 28)),
        (date(2026, 8, 5), 2, date(2026, 8, 3)),
        # Nought days: the day itself.
        (date(2026, 3, 12), 0, date(2026, 3, 12)),
    ],
)
def test_papers_deadline_counts_back_in_working_days(meeting, days, due):
    assert working_days_before(meeting, days) == due


@pytest.mark.parametrize(
    ("meeting", "days", "due"),
    [
        (date(2026, 3, 5), 10, date(2026, 3, 19)),  # two weeks of weekdays
        (date(2026, 3, 27), 1, date(2026, 3, 30)),  # Friday to Monday
        (date(2026, 12, 23), 2, date(2026, 12, 29)),  # Christmas Eve, then Christmas and Boxing Day observed
        (date(2026, 5, 22), 1, date(2026, 5, 26)),  # spring bank holiday, Monday 25 May 2026
    ],
)
def test_minutes_deadline_counts_forward_in_working_days(meeting, days, due):
    assert working_days_after(meeting, days) == due


def test_working_days():
    assert is_working_day(date(2026, 3, 5))  # a Thursday
    assert not is_working_day(date(2026, 3, 7))  # Saturday
    assert not is_working_day(date(2026, 4, 6))  # Easter Monday
    assert is_working_day(date(2026, 1, 2))  # a bank holiday in Scotland only
    assert is_working_day(date(2026, 11, 30))  # St Andrew's Day: Scotland only
    assert is_working_day(date(2026, 3, 17))  # St Patrick's Day: Northern Ireland only


def test_a_negative_count_is_refused():
    with pytest.raises(ValueError):
        working_days_before(date(2026, 3, 5), -1)
