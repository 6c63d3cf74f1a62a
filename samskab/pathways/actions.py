"""Writes to pathways: atomic, validated, consent-checked and recorded in the access log."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access, log_access_many
from samskab.core.concurrency import check_version
from samskab.core.models import AccessAction
from samskab.people.consent_guard import ensure_processing_allowed
from samskab.people.models import ConsentPurpose

from .models import (
    RATING_ITEMS,
    LearningCapture,
    Meeting,
    MeetingRating,
    Pathway,
    PathwayActor,
    PathwayStatus,
    PlanAction,
    PracticeDecision,
    PracticeElement,
    RatingHandover,
)


def _require_pathway_consent(citizen):
    """Personal data for a pathway is recorded only while the citizen's consent is active."""
    ensure_processing_allowed(citizen, ConsentPurpose.PATHWAY)


def _require_open(pathway):
    if not pathway.is_open:
        raise ValidationError(_("Forløbet er afsluttet. Der kan ikke tilføjes mere til det."))


def _log(by, action, obj, pathway, purpose):
    log_access(by=by, action=action, obj=obj, citizen_id=pathway.citizen_id, purpose=purpose)


@transaction.atomic
def open_pathway(*, by, team, citizen, rationale: str, citizen_goals: str = "") -> Pathway:
    """Open a pathway as a trial action; the team's rationale is required, consent first."""
    _require_pathway_consent(citizen)
    if Pathway.objects.open().filter(team=team, citizen=citizen).exists():
        raise ValidationError(_("Borgeren har allerede et åbent forløb i dette team."))
    pathway = Pathway(
        team=team,
        citizen=citizen,
        rationale=rationale.strip(),
        citizen_goals=citizen_goals.strip(),
        opened_by=by,
    )
    pathway.full_clean()
    pathway.save()
    _log(by, AccessAction.CREATE, pathway, pathway, gettext_noop("Start af borgerforløb"))
    return pathway


@transaction.atomic
def update_pathway_goals(
    *, by, pathway: Pathway, citizen_goals: str, seen_version: str = ""
) -> Pathway:
    _require_pathway_consent(pathway.citizen)
    check_version(pathway, seen_version)
    _require_open(pathway)
    pathway.citizen_goals = citizen_goals.strip()
    pathway.full_clean()
    pathway.save(update_fields=["citizen_goals", "updated_at"])
    _log(by, AccessAction.UPDATE, pathway, pathway, gettext_noop("Borgerens mål i forløbet"))
    return pathway


@transaction.atomic
def close_pathway(*, by, pathway: Pathway) -> Pathway:
    # Closing ends processing, so it stays possible after a withdrawal, not under restriction.
    ensure_processing_allowed(pathway.citizen, None)
    _require_open(pathway)
    pathway.status = PathwayStatus.CLOSED
    pathway.closed_on = timezone.localdate()
    pathway.save(update_fields=["status", "closed_on", "updated_at"])
    _log(by, AccessAction.UPDATE, pathway, pathway, gettext_noop("Afslutning af borgerforløb"))
    return pathway


@transaction.atomic
def add_actor(*, by, pathway: Pathway, data: dict) -> PathwayActor:
    _require_pathway_consent(pathway.citizen)
    _require_open(pathway)
    actor = PathwayActor(pathway=pathway, **data)
    actor.full_clean()
    actor.save()
    _log(by, AccessAction.CREATE, actor, pathway, gettext_noop("Aktører i borgerforløb"))
    return actor


@transaction.atomic
def add_plan_action(*, by, pathway: Pathway, data: dict) -> PlanAction:
    _require_pathway_consent(pathway.citizen)
    _require_open(pathway)
    action = PlanAction(pathway=pathway, **data)
    action.full_clean()
    action.save()
    _log(by, AccessAction.CREATE, action, pathway, gettext_noop("Fælles plan i borgerforløb"))
    return action


@transaction.atomic
def set_plan_action_status(*, by, action: PlanAction, status: str) -> PlanAction:
    pathway = action.pathway
    _require_pathway_consent(pathway.citizen)
    _require_open(pathway)
    action.status = status
    action.full_clean()
    action.save(update_fields=["status", "updated_at"])
    _log(by, AccessAction.UPDATE, action, pathway, gettext_noop("Fælles plan i borgerforløb"))
    return action


@transaction.atomic
def record_meeting(*, by, pathway: Pathway, data: dict, participants=()) -> Meeting:
    """A meeting with or without the citizen; participants must be members of the team."""
    _require_pathway_consent(pathway.citizen)
    _require_open(pathway)
    team_staff = set(pathway.team.memberships.values_list("staff_member_id", flat=True))
    if any(p.pk not in team_staff for p in participants):
        raise ValidationError(_("Vælg kun deltagere, der er medlemmer af teamet."))
    meeting = Meeting(pathway=pathway, created_by=by, **data)
    meeting.full_clean()
    meeting.save()
    meeting.participants.set(participants)
    _log(by, AccessAction.CREATE, meeting, pathway, gettext_noop("Møde i borgerforløb"))
    return meeting


def _index_insight(obj):
    """Keep the body of insight (insights app) current; a rating without comment is skipped."""
    from samskab.insights.index import update_insight

    update_insight(obj)


@transaction.atomic
def record_learning_capture(
    *, by, meeting: Meeting, data: dict, practice_elements=()
) -> LearningCapture:
    _require_pathway_consent(meeting.pathway.citizen)
    if LearningCapture.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("Mødet har allerede en læringsopsamling."))
    allowed = set(
        PracticeElement.objects.for_team(meeting.pathway.team).values_list("pk", flat=True)
    )
    if any(element.pk not in allowed for element in practice_elements):
        raise ValidationError(_("Vælg kun praksiselementer, som teamet afprøver."))
    capture = LearningCapture(meeting=meeting, recorded_by=by, **data)
    capture.full_clean()
    capture.save()
    capture.practice_elements.set(practice_elements)
    _index_insight(capture)
    _log(
        by,
        AccessAction.CREATE,
        capture,
        meeting.pathway,
        gettext_noop("Læringsopsamling efter møde"),
    )
    return capture


@transaction.atomic
def start_rating_handover(*, by, meeting: Meeting) -> RatingHandover:
    """Hand the device to the citizen: one single-use screen for this meeting only."""
    if not meeting.with_citizen:
        raise ValidationError(_("Kun møder med borgeren kan vurderes af borgeren."))
    if MeetingRating.objects.filter(meeting=meeting).exists():
        raise ValidationError(_("Borgeren har allerede vurderet dette møde."))
    _require_pathway_consent(meeting.pathway.citizen)
    # An earlier hand-over that was never finished can no longer be used.
    RatingHandover.objects.filter(meeting=meeting, used_at__isnull=True).update(
        used_at=timezone.now(), skipped=True
    )
    return RatingHandover.objects.create(meeting=meeting, opened_by=by)


def _close_handover(handover: RatingHandover, *, skipped: bool):
    """Single use and expiry (core.kiosk.Handover.close): refused once used or expired."""
    return handover.close(skipped=skipped)


@transaction.atomic
def submit_meeting_rating(*, by, handover: RatingHandover, scores: dict, comment: str = ""):
    """Store the citizen's four 0–10 answers and comment; values outside 0–10 store nothing."""
    meeting = handover.meeting
    for item in RATING_ITEMS:
        value = scores.get(item)
        if value is None or not (0 <= int(value) <= 10):
            raise ValidationError(_("Vælg et tal fra 0 til 10 ved hvert spørgsmål."))
    _require_pathway_consent(meeting.pathway.citizen)
    _close_handover(handover, skipped=False)
    rating = MeetingRating(
        meeting=meeting, comment=comment.strip(), **{i: int(scores[i]) for i in RATING_ITEMS}
    )
    rating.full_clean()
    rating.save()
    _index_insight(rating)
    _log(
        by,
        AccessAction.CREATE,
        rating,
        meeting.pathway,
        gettext_noop("Borgerens vurdering af møde"),
    )
    return rating


@transaction.atomic
def skip_meeting_rating(*, by, handover: RatingHandover) -> RatingHandover:
    return _close_handover(handover, skipped=True)


@transaction.atomic
def create_practice_element(*, by, organisation, team=None, data: dict) -> PracticeElement:
    element = PracticeElement(organisation=organisation, team=team, **data)
    element.full_clean()
    element.save()
    return element


@transaction.atomic
def record_practice_decision(*, by, element: PracticeElement, data: dict) -> PracticeDecision:
    decision = PracticeDecision(element=element, decided_by=by, **data)
    decision.full_clean()
    decision.save()
    return decision


def record_pathway_read(*, by, pathway: Pathway, purpose: str):
    log_access(
        by=by, action=AccessAction.READ, obj=pathway, citizen_id=pathway.citizen_id, purpose=purpose
    )


def record_pathway_reads(*, by, pathways, purpose: str):
    log_access_many(
        by=by,
        action=AccessAction.READ,
        objs=pathways,
        purpose=purpose,
        citizen_id_of=lambda p: p.citizen_id,
    )


def record_reads(*, by, objs, purpose: str, citizen_id_of, action=AccessAction.READ):
    """Reads (or exports) of captures, meetings or ratings: one entry each, naming the citizen."""
    log_access_many(by=by, action=action, objs=objs, purpose=purpose, citizen_id_of=citizen_id_of)
