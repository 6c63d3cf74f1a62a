"""Retention: the access log is pruned and stays verifiable (also against its anchors); record
types are erased after their declared period, by a scheduled task, with a dry-run report first."""

import datetime
import io
import json
import stat
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from django.utils import timezone

from samskab.core.actions import (
    anchor_access_log,
    log_access,
    prune_access_log,
    verify_access_log,
)
from samskab.core.models import AccessAction, AccessLogEntry, AccessLogHead
from samskab.pathways.models import Pathway, PathwayStatus, RatingHandover
from samskab.people.tests.factories import CitizenFactory, UserFactory
from samskab.privacy.actions import apply_retention
from samskab.privacy.registry import REDACTED

from .factories import citizen_everywhere


def _log_at(days_ago_list):
    user, citizen = UserFactory(), CitizenFactory()
    now = timezone.now()
    for days_ago in days_ago_list:
        entry = log_access(
            by=user, action=AccessAction.READ, obj=citizen, citizen_id=citizen.pk, purpose="p"
        )
        # Backdate below the ORM (the log is append-only), then rehash the chain as if it
        # had been written then: the test needs old entries, not a broken chain.
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_accesslogentry SET at = %s WHERE sequence = %s",
                [now - datetime.timedelta(days=days_ago), entry.sequence],
            )
    _rehash()


def _rehash():
    previous = "0" * 64
    for entry in AccessLogEntry.objects.order_by("sequence"):
        entry.previous_hash = previous
        entry.entry_hash = previous = entry.compute_hash()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE core_accesslogentry SET previous_hash = %s, entry_hash = %s"
                " WHERE sequence = %s",
                [entry.previous_hash, entry.entry_hash, entry.sequence],
            )
    # Re-signed with the key, as the append would have: a test fixture, not a forgery.
    head = AccessLogHead.objects.get(pk=1)
    head.last_hash = previous
    head.sign()
    head.save()


@pytest.mark.django_db
def test_pruning_old_entries_keeps_the_chain_verifiable():
    _log_at([300, 200, 190, 10, 1])
    report = prune_access_log(before=timezone.now() - datetime.timedelta(days=183))
    assert report.removed == 3 and report.anchor_sequence == 3
    assert list(AccessLogEntry.objects.values_list("sequence", flat=True)) == [4, 5]
    check = verify_access_log()
    assert check.is_intact and check.checked == 2


@pytest.mark.django_db
def test_tampering_after_a_prune_is_detected():
    _log_at([300, 200, 10, 1])
    prune_access_log(before=timezone.now() - datetime.timedelta(days=183))
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_accesslogentry SET purpose = 'skjult' WHERE sequence = 4")
    assert verify_access_log().codes == ["altered"]


@pytest.mark.django_db
def test_removing_kept_entries_from_the_start_is_detected_after_a_prune():
    _log_at([300, 10, 5, 1])
    prune_access_log(before=timezone.now() - datetime.timedelta(days=183))
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_accesslogentry WHERE sequence = 2")
    report = verify_access_log()
    assert report.codes == ["gap"] and "Post nr. 2 til 2 mangler" in report.reason


@pytest.mark.django_db
def test_pruning_everything_and_logging_again_stays_intact():
    _log_at([400, 300])
    prune_access_log(before=timezone.now())
    assert verify_access_log().is_intact
    log_access(by=UserFactory(), action="read", obj=CitizenFactory(), citizen_id=1, purpose="p")
    assert verify_access_log().is_intact
    assert prune_access_log(before=timezone.now() - datetime.timedelta(days=1)).removed == 0


def _old_closed_pathway():
    world = citizen_everywhere()
    Pathway.objects.filter(pk=world.pathway.pk).update(
        status=PathwayStatus.CLOSED,
        closed_on=timezone.localdate() - datetime.timedelta(days=6 * 365),
    )
    RatingHandover.objects.update(created_at=timezone.now() - datetime.timedelta(days=60))
    return world


@pytest.mark.django_db
def test_dry_run_reports_per_type_and_changes_nothing():
    world = _old_closed_pathway()
    out = io.StringIO()
    call_command("apply_retention", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "Prøvekørsel" in text
    assert "borgerforløb: 1 ville blive anonymiseret" in text
    assert Pathway.objects.get(pk=world.pathway.pk).rationale != REDACTED
    assert RatingHandover.objects.exists()


@pytest.mark.django_db
def test_retention_anonymises_expired_records_only():
    world = _old_closed_pathway()
    current = citizen_everywhere()
    lines = {line.entry and line.entry.model: line.count for line in apply_retention(dry_run=False)}
    assert lines[Pathway] == 1
    assert Pathway.objects.get(pk=world.pathway.pk).rationale == REDACTED
    assert Pathway.objects.get(pk=current.pathway.pk).rationale != REDACTED
    assert not RatingHandover.objects.filter(meeting=world.meeting).exists()
    # A second run finds nothing more to anonymise.
    again = {line.entry and line.entry.model: line.count for line in apply_retention(dry_run=True)}
    assert again[Pathway] == 0


@pytest.mark.django_db(transaction=True)
@override_settings(ACCESS_LOG_RETENTION_DAYS=183)
def test_the_scheduled_task_prunes_the_log_through_the_worker():
    _log_at([400, 1])
    call_command("schedule", "--once", stdout=io.StringIO())
    call_command(
        "db_worker", batch=True, no_startup_delay=True, stdout=io.StringIO(), stderr=io.StringIO()
    )
    assert list(AccessLogEntry.objects.values_list("sequence", flat=True)) == [2]
    # The same run anchored the head outside the database, in a file only its owner reads.
    path = Path(settings.ACCESS_LOG_ANCHOR_FILE)
    [anchor] = [json.loads(line) for line in path.read_text().splitlines()]
    assert anchor["sequence"] == 2
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    report = verify_access_log()
    assert report.is_intact and report.anchors_checked == 1


@pytest.mark.django_db
def test_anchors_from_before_retentions_cut_do_not_break_the_chain():
    for days_ago in (300, 200, 10):
        _log_at([days_ago])
        anchor_access_log()
    prune_access_log(before=timezone.now() - datetime.timedelta(days=183))
    report = verify_access_log()
    assert report.is_intact and report.checked == 1
    # The first anchor's entry is gone with retention; the second names retention's cut.
    assert [anchor.status for anchor in report.anchors] == ["pruned", "ok", "ok"]
    # And retention cannot be faked by deleting the oldest kept entry too.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_accesslogentry WHERE sequence = 3")
    assert "anchor-truncated" in verify_access_log().codes
