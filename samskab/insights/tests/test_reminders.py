"""Rhythm and reminders with time travel: the right people, once, and not after it is done."""

import datetime
import zoneinfo

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command

from samskab.innovation.models import PartnerRole, ProjectPartner
from samskab.innovation.tests.factories import ProjectFactory
from samskab.insights import reminders
from samskab.insights.models import (
    EmailFrequency,
    Notification,
    NotificationKind,
    NotificationPreference,
)
from samskab.partnerships.models import Gathering, PartnershipState
from samskab.partnerships.tests.factories import RoundFactory, facilitator_for, partnership
from samskab.pathways.models import PlanAction, PlanActionStatus, TeamRole
from samskab.pathways.tests.factories import (
    LearningCaptureFactory,
    MeetingFactory,
    PathwayFactory,
    TeamFactory,
    team_user,
)
from samskab.people.models import Role
from samskab.people.tests.factories import user_with_role

pytestmark = pytest.mark.django_db

CPH = zoneinfo.ZoneInfo("Europe/Copenhagen")


def at(year, month, day):
    return time_machine.travel(datetime.datetime(year, month, day, 7, 0, tzinfo=CPH), tick=False)


def keys(user, kind=None):
    qs = Notification.objects.filter(user=user, resolved_at__isnull=True)
    if kind:
        qs = qs.filter(kind=kind)
    return list(qs.values_list("dedupe_key", flat=True))


@pytest.fixture
def team():
    with at(2026, 3, 1):
        return TeamFactory()


def test_meeting_without_capture_reminds_the_supervisor_once_and_stops_when_captured(team):
    supervisor = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    member = team_user(team)
    meeting = MeetingFactory(pathway=PathwayFactory(team=team), held_on=datetime.date(2026, 3, 2))
    kind = NotificationKind.CAPTURE_MISSING
    with at(2026, 3, 3):
        reminders.run()
        assert keys(supervisor, kind) == []  # not overdue yet
    with at(2026, 3, 6):
        reminders.run()
        reminders.run()
        assert keys(supervisor, kind) == [f"capture:{meeting.pk}"]
        assert keys(member, kind) == []
    LearningCaptureFactory(meeting=meeting)
    with at(2026, 3, 7):
        result = reminders.run()
        assert result.resolved >= 1
        assert keys(supervisor, kind) == []
        reminders.run()
    assert Notification.objects.filter(user=supervisor, kind=kind).count() == 1


def test_capture_reminder_goes_to_coordinator_when_team_has_no_supervisor(team):
    coordinator = team_user(team, TeamRole.COORDINATOR)
    MeetingFactory(pathway=PathwayFactory(team=team), held_on=datetime.date(2026, 3, 2))
    with at(2026, 3, 10):
        reminders.run()
    assert len(keys(coordinator, NotificationKind.CAPTURE_MISSING)) == 1


def test_partnership_past_its_period_reminds_the_facilitators_until_wrap_up():
    with at(2026, 9, 1):
        round_ = RoundFactory(
            starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 11, 1)
        )
        p = partnership(round_=round_)
        facilitator = facilitator_for(round_)
        other_facilitator = user_with_role(Role.FACILITATOR)
    kind = NotificationKind.PARTNERSHIP_OVERDUE
    with at(2026, 10, 31):
        reminders.run()
        assert keys(facilitator, kind) == []
    with at(2026, 11, 2):
        reminders.run()
        reminders.run()
        assert keys(facilitator, kind) == [f"partnership-overdue:{p.pk}"]
        assert keys(other_facilitator, kind) == []
    p.state = PartnershipState.WRAPUP
    p.save()
    with at(2026, 11, 3):
        reminders.run()
        assert keys(facilitator, kind) == []
    assert Notification.objects.filter(user=facilitator, kind=kind).count() == 1


def test_overdue_plan_action_reminds_the_coordinator_and_stops_when_done(team):
    coordinator = team_user(team, TeamRole.COORDINATOR)
    member = team_user(team)
    action = PlanAction.objects.create(
        pathway=PathwayFactory(team=team),
        description="Ring til egen læge",
        owner="Borgeren",
        due_on=datetime.date(2026, 4, 1),
    )
    kind = NotificationKind.PLAN_ACTION_OVERDUE
    with at(2026, 4, 1):
        reminders.run()
        assert keys(coordinator, kind) == []
    with at(2026, 4, 2):
        reminders.run()
        assert len(keys(coordinator, kind)) == 1
        assert keys(member, kind) == []
    action.status = PlanActionStatus.DONE
    action.save()
    with at(2026, 4, 3):
        reminders.run()
        assert keys(coordinator, kind) == []


def test_gate_waiting_reminds_partner_leaders_and_network_coordinators():
    with at(2026, 5, 1):
        project = ProjectFactory()
        owner = project.partners.get(role=PartnerRole.OWNER).organisation
        leader = user_with_role(Role.LEADER, owner)
        outsider_leader = user_with_role(Role.LEADER)
        coordinator = user_with_role(Role.NETWORK_COORDINATOR)
        project.gate_requested_on = datetime.date(2026, 5, 1)
        project.save()
        reminders.run()
        reminders.run()
    kind = NotificationKind.GATE_UPCOMING
    assert len(keys(leader, kind)) == 1
    assert len(keys(coordinator, kind)) == 1
    assert keys(outsider_leader, kind) == []
    project.gate_requested_on = None
    project.save()
    with at(2026, 5, 2):
        reminders.run()
    assert keys(leader, kind) == [] and keys(coordinator, kind) == []
    assert ProjectPartner.objects.count() == 1


def test_half_yearly_gathering_reminder_once_per_half_year_until_planned():
    with at(2026, 2, 1):
        round_ = RoundFactory(
            starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 6, 1)
        )
        facilitator = facilitator_for(round_)
        reminders.run()
        reminders.run()
    kind = NotificationKind.GATHERING_DUE
    assert keys(facilitator, kind) == [f"gathering:{round_.organisation_id}:2026H1"]
    Gathering.objects.create(
        organisation=round_.organisation,
        title="Fællesmøde",
        held_on=datetime.date(2026, 3, 15),
        place="Aarhus",
    )
    with at(2026, 2, 2):
        reminders.run()
    assert keys(facilitator, kind) == []
    with at(2026, 10, 1):  # half a year after the gathering: time for the next one
        reminders.run()
    assert keys(facilitator, kind) == [f"gathering:{round_.organisation_id}:2026H2"]


def test_two_monthly_workshop_reminder_once_per_period(team):
    supervisor = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    member = team_user(team)
    PathwayFactory(team=team)
    kind = NotificationKind.WORKSHOP_DUE
    with at(2026, 3, 2):
        reminders.run()
    with at(2026, 4, 20):
        reminders.run()
    assert Notification.objects.filter(user=supervisor, kind=kind).count() == 1
    assert keys(member, kind) == []
    with at(2026, 5, 3):
        reminders.run()
    assert Notification.objects.filter(user=supervisor, kind=kind).count() == 2
    assert keys(supervisor, kind) == [f"workshop:{team.pk}:2026-3"]


def _overdue_meeting(team):
    return MeetingFactory(pathway=PathwayFactory(team=team), held_on=datetime.date(2026, 3, 2))


def test_immediate_email_is_sent_once_per_reminder(team):
    supervisor = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    NotificationPreference.objects.create(
        user=supervisor, email_frequency=EmailFrequency.IMMEDIATELY
    )
    _overdue_meeting(team)
    with at(2026, 3, 10):
        for _ in range(2):
            result = reminders.run()
            reminders.send_immediate(result.created)
        reminders.send_immediate()
        reminders.send_daily_digests()
    capture_mails = [m for m in mail.outbox if "læringsopsamling" in m.subject]
    assert len(capture_mails) == 1
    assert capture_mails[0].to == [supervisor.email]
    assert "/borgerforloeb/moeder/" in capture_mails[0].body


def test_daily_digest_once_a_day_and_never_for_done_items(team):
    team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    meeting = _overdue_meeting(team)
    with at(2026, 3, 10):
        reminders.run()
        assert reminders.send_daily_digests() == 1
        assert reminders.send_daily_digests() == 0
    assert len(mail.outbox) == 1
    assert "venter på dig" in mail.outbox[0].subject
    second = _overdue_meeting(team)
    LearningCaptureFactory(meeting=meeting)
    with at(2026, 3, 10):
        reminders.run()  # a new overdue meeting, same day: waits for tomorrow's digest
        assert reminders.send_daily_digests() == 0
    LearningCaptureFactory(meeting=second)
    with at(2026, 3, 11):
        reminders.run()  # done before the digest went out: never e-mailed
        assert reminders.send_daily_digests() == 0
    assert len(mail.outbox) == 1


def test_email_off_sends_nothing_but_keeps_the_notification(team):
    supervisor = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    NotificationPreference.objects.create(user=supervisor, email_frequency=EmailFrequency.OFF)
    _overdue_meeting(team)
    with at(2026, 3, 10):
        result = reminders.run()
        reminders.send_immediate(result.created)
        reminders.send_daily_digests()
    assert mail.outbox == []
    assert len(keys(supervisor)) >= 1


@pytest.mark.django_db(transaction=True)
def test_reminder_task_runs_in_the_worker(team):
    from samskab.insights.tasks import run_reminders_task

    supervisor = team_user(team, TeamRole.SUPERVISOR, role=Role.SUPERVISOR)
    NotificationPreference.objects.create(
        user=supervisor, email_frequency=EmailFrequency.IMMEDIATELY
    )
    _overdue_meeting(team)
    with at(2026, 3, 10):
        call_command("run_reminders")
        call_command("db_worker", batch=True, no_startup_delay=True)
    assert Notification.objects.filter(user=supervisor).exists()
    assert any("læringsopsamling" in m.subject for m in mail.outbox)
    assert run_reminders_task is not None
