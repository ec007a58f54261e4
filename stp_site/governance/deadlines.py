"""Working days in England: the papers' and minutes' deadlines are counted in them.

A working day is Monday to Friday, except the bank holidays in England (the `holidays` package's
list for the UK, England's part: Easter Monday and the summer bank holiday differ from Scotland's, and
a holiday that falls at a weekend moves to the next working day, "(observed)").
"""

import datetime
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _bank_holidays(year):
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year))


def is_bank_holiday(day):
    return day in _bank_holidays(day.year)


def is_working_day(day):
    return day.weekday() < 5 and not is_bank_holiday(day)


def working_days_before(day, count):
    """The working day `count` working days before `day` (which need not be a working day itself).

    Papers for a meeting on Thursday 7 May 2026, 5 working days before: Wednesday 29 April (Monday
    4 May is a bank holiday, so it does not count). With `count` 0, `day` itself."""
    return _step(day, count, -1)


def working_days_after(day, count):
    """The working day `count` working days after `day`."""
    return _step(day, count, 1)


def _step(day, count, direction):
    if count < 0:
        raise ValueError("count must not be negative")
    one_day = datetime.timedelta(days=direction)
    while count:
        day += one_day
        if is_working_day(day):
            count -= 1
    return day
