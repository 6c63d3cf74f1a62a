"""The demo loads the seeds' organisations and one user per role, and loads again safely.

Its story is placed relative to the day it is loaded, so it is always current: loading it
again on a later day moves the demo's own rows, adds none and leaves the users' rows alone.
"""

import datetime
import io
import itertools
from decimal import Decimal

import pytest
import time_machine
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from samskab.compass import rollouts
from samskab.compass.models import CompassRound, ReadinessAssessment, Rollout, UnitMembership
from samskab.demo import data
from samskab.insights.models import Notification
from samskab.outcomes import who5
from samskab.outcomes.models import Measure, Measurement
from samskab.partnerships.models import (
    Activity,
    Gathering,
    Partnership,
    PartnershipMeeting,
    Payment,
    Round,
)
from samskab.people.models import Citizen, Organisation, Role, RoleAssignment

pytestmark = pytest.mark.django_db

ROLLOUT = "Esbjerg-modellen i hjemmeplejen"


def _load():
    call_command("load_demo", stdout=io.StringIO())


def _counts():
    """Rows per table, every table (many-to-many tables too), except the notifications: the
    demo sends the reminders due on the day it is loaded, and a later day may be in a new
    period with new reminders (each sent once, see `_assert_no_reminder_twice`)."""
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model is not Notification
    }


def _grown(before, after):
    return {label: (before[label], n) for label, n in after.items() if n > before[label]}


def _assert_no_reminder_twice():
    keys = list(Notification.objects.values_list("user_id", "kind", "dedupe_key"))
    assert len(keys) == len(set(keys))


def _assert_current(users_rows=()):
    """The story as seen on today's date, whatever day that is (`users_rows` stay put)."""
    today = timezone.localdate()
    now = timezone.now()

    # Partnerships: a round open for registration with a gathering ahead, an older one over.
    open_rounds = Round.objects.open_for_registration()
    assert open_rounds.exists()
    assert Gathering.objects.filter(
        organisation__in=open_rounds.values("organisation"), held_on__gt=today
    ).exists()
    assert Round.objects.filter(ends_on__lt=today, partnerships__isnull=False).exists()
    meetings = PartnershipMeeting.objects.exclude(pk__in=[r.pk for r in users_rows])
    for meeting in meetings.select_related("partnership__round"):
        assert meeting.partnership.round.starts_on <= meeting.held_on <= today, meeting
    paid = Payment.objects.filter(is_paid=True).select_related("meeting")
    unpaid = Payment.objects.filter(is_paid=False).select_related("meeting")
    assert paid.exists() and unpaid.exists()
    four_weeks_ago = today - datetime.timedelta(weeks=4)
    assert all(p.meeting.held_on < four_weeks_ago and p.paid_at <= now for p in paid)
    assert all(p.meeting.held_on >= four_weeks_ago for p in unpaid)

    # Compass: an open round whose period contains today, and an earlier closed one.
    current = CompassRound.objects.open().get(period_start__lte=today, period_end__gte=today)
    assert CompassRound.objects.filter(
        organisation=current.organisation, is_open=False, period_end__lt=current.period_start
    ).exists()
    assessed_on = ReadinessAssessment.objects.get().assessed_on
    assert today - datetime.timedelta(days=92) <= assessed_on <= today

    # Mille answered WHO-5 recently.
    mille = Measurement.objects.filter(
        citizen__display_name="Mille (fiktiv)", measure__code=who5.CODE
    ).latest("measured_on")
    assert today - datetime.timedelta(days=92) <= mille.measured_on <= today

    # The rollout: baseline, then the pilot, its follow-up periods over, a stage still ahead.
    rollout = Rollout.objects.get(name=ROLLOUT)
    stages = list(rollout.stages.order_by("number"))
    periods = list(rollout.follow_up_periods.order_by("starts_on"))
    assert rollout.baseline_end < stages[0].starts_on <= periods[0].starts_on
    assert periods[-1].ends_on < today
    assert stages[-1].starts_on > today
    assert all(a.starts_on < b.starts_on for a, b in itertools.pairwise(stages))
    return rollout


def _assert_measurements_in_windows(rollout, users_rows=()):
    windows = [(rollout.baseline_start, rollout.baseline_end)] + [
        (p.starts_on, p.ends_on) for p in rollout.follow_up_periods.all()
    ]
    days = (
        Measurement.objects.filter(citizen__organisation=rollout.organisation)
        .exclude(pk__in=[r.pk for r in users_rows])
        .values_list("measured_on", flat=True)
    )
    assert days
    assert all(any(start <= day <= end for start, end in windows) for day in days)
    memberships = UnitMembership.objects.filter(citizen__organisation=rollout.organisation)
    assert memberships.exists()
    assert all(m.started_on < rollout.baseline_start for m in memberships)


def _assert_effect(rollout):
    evaluation = dict(rollouts.evaluate(rollout, by=None, minimum=10))
    assert evaluation["quality_of_life"][0].result.ci_low > 0
    assert evaluation["economic"][0].result.ci_high < 0


def test_running_the_demo_twice_duplicates_nothing():
    _load()
    first = _counts()
    notifications = Notification.objects.count()
    _load()
    assert not _grown(first, _counts())
    assert Notification.objects.count() == notifications


def test_demo_has_one_login_per_role_and_the_seed_organisations():
    _load()
    assert set(RoleAssignment.objects.values_list("role", flat=True)) == set(Role.values)
    names = set(Organisation.objects.values_list("name", flat=True))
    for name in ["Region Midtjylland", "Aarhus Kommune", "Esbjerg Kommune", "Greve Kommune"]:
        assert name in names
    user = get_user_model().objects.get(username="fagperson")
    assert user.check_password(data.DEMO_PASSWORD)


def test_demo_citizens_are_clearly_fictitious_and_the_citizen_login_owns_one():
    _load()
    assert all("(fiktiv)" in c.display_name for c in Citizen.objects.all())
    assert Citizen.objects.get(user__username="borger").has_consent("registration")


def test_the_demo_story_is_current_when_loaded():
    _load()
    rollout = _assert_current()
    _assert_measurements_in_windows(rollout)
    _assert_effect(rollout)


def _users_rows():
    """Rows users add on the demo's day, some looking just like the demo's own."""
    today = timezone.localdate()
    partnership = Partnership.objects.get(expert__citizen__display_name="Mille (fiktiv)")
    meeting = PartnershipMeeting.objects.create(
        partnership=partnership,
        activity=Activity.FOLLOW_AT_WORK,
        place="Rådhuset, Aarhus",
        held_on=today,
        duration_hours=Decimal("2.0"),
        registered_by=partnership.leader.user,
    )
    who5_measure = Measure.objects.get(code=who5.CODE)
    mille = Citizen.objects.get(display_name="Mille (fiktiv)")
    answers = [4, 4, 3, 3, 4]
    own_answer = Measurement.objects.create(
        citizen=mille,
        measure=who5_measure,
        value=Decimal(who5.score(answers).index),
        measured_on=today,
        entered_by=mille.user,
        item_answers=answers,
        is_self_reported=True,
    )
    entered = Measurement.objects.create(
        citizen=Citizen.objects.get(display_name="Borger E01 (fiktiv)"),
        measure=Measure.objects.get(code="support_hours"),
        value=Decimal("5.0"),
        measured_on=today,
        entered_by=get_user_model().objects.get(username="esbjerg-fagperson"),
    )
    return {"meeting": meeting, "own_answer": own_answer, "entered": entered}


def test_loading_again_on_later_days_adds_nothing_and_moves_no_users_rows():
    _load()
    rows = _users_rows()
    start, today = timezone.now(), timezone.localdate()
    for days in (90, 400):
        with time_machine.travel(start + datetime.timedelta(days=days), tick=False):
            before = _counts()  # (the checks below write access log entries)
            _load()
            assert not _grown(before, _counts()), f"{days} days later"
            _assert_no_reminder_twice()
            rollout = _assert_current(users_rows=[rows["meeting"]])
            _assert_measurements_in_windows(rollout, users_rows=[rows["entered"]])
            _assert_effect(rollout)
            for row in rows.values():
                row.refresh_from_db()
            assert rows["meeting"].held_on == today
            assert rows["meeting"].duration_hours == Decimal("2.0")
            assert rows["own_answer"].measured_on == today
            assert rows["own_answer"].item_answers == [4, 4, 3, 3, 4]
            assert rows["entered"].measured_on == today
            assert rows["entered"].value == Decimal("5.0")
