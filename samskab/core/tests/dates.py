"""Dates for tests that mean the same thing every day: relative to today in Copenhagen, or
on a pinned clock where a calendar date is the point of the test."""

import datetime
import zoneinfo

import time_machine
from django.utils import timezone

COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")


def days_ago(n: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=n)


def days_ahead(n: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=n)


def pinned(day: datetime.date, hour: int = 12):
    """Stop the clock at `hour` on `day` in Copenhagen: for tests about a calendar date."""
    moment = datetime.datetime.combine(day, datetime.time(hour), tzinfo=COPENHAGEN)
    return time_machine.travel(moment, tick=False)
