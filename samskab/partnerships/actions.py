"""Writes in equal partnerships: atomic, validated, access-logged; the acting user is `by=`."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from samskab.core.actions import log_access, log_access_many
from samskab.core.concurrency import check_version
from samskab.core.models import AccessAction
from samskab.people import actions as people_actions
from samskab.people.consent_guard import (
    ProcessingRefusedError,
    ProcessingRestrictedError,
    ensure_processing_allowed,
    processable_citizens,
)
from samskab.people.models import ConsentPurpose

from . import lifecycle, matching
from .models import (
    SLOT_LABELS,
    CandidateStatus,
    ConstraintKind,
    ExperienceExpert,
    Gathering,
    GatheringInvitation,
    Leader,
    MatchConstraint,
    MatchingRun,
    Partnership,
    PartnershipMeeting,
    PartnershipState,
    Party,
    Payment,
    Reflection,
    Reply,
    Round,
    RunStatus,
    WrapUpEvaluation,
)

#: Solves larger than this many cells run as a background task with progress.
BACKGROUND_CELLS = 500 * 500
PARTNERSHIP = ConsentPurpose.PARTNERSHIP
#: Events that stop processing: still possible after the expert withdrew their consent.
ENDING_EVENTS = {"decline", "end_early"}


def _actor(by):
    return by if by is not None and by.is_authenticated else None


def _log_expert(by, action, obj, expert_or_citizen_id, purpose):
    citizen_id = getattr(expert_or_citizen_id, "citizen_id", expert_or_citizen_id)
    log_access(by=_actor(by), action=action, obj=obj, citizen_id=citizen_id, purpose=purpose)


# Rounds and recruitment ---------------------------------------------------------------


@transaction.atomic
def create_round(*, by, organisation, data: dict) -> Round:
    round_ = Round(organisation=organisation, **data)
    round_.full_clean()
    round_.save()
    round_.facilitators.add(by)
    return round_


@transaction.atomic
def register_expert(
    *, by, round_: Round, profile: dict, citizen=None, citizen_data=None, consents=()
) -> ExperienceExpert:
    """An experience expert's registration; a new pseudonymous citizen when none is given.

    Registration and partnership consent are recorded with the citizen (the people actions
    refuse a citizen without registration consent).
    """
    if citizen is not None:
        # Consent given in this same step is how a returning expert takes part again.
        ensure_processing_allowed(citizen, None if PARTNERSHIP in consents else PARTNERSHIP)
    if not round_.is_open_for_registration:
        raise ValidationError(_("Runden er lukket for tilmelding. Kontakt facilitatoren."))
    if ConsentPurpose.PARTNERSHIP not in consents and (
        citizen is None or not citizen.has_consent(ConsentPurpose.PARTNERSHIP)
    ):
        raise people_actions.MissingConsentError(
            _("Du skal give samtykke til at deltage i et ligeværdigt partnerskab.")
        )
    if citizen is None:
        citizen = people_actions.register_citizen(
            by=_actor(by),
            organisation=round_.organisation,
            data=citizen_data or {},
            consents=list(consents),
        )
    elif not citizen.has_consent(ConsentPurpose.PARTNERSHIP):
        people_actions.give_consent(
            by=_actor(by), citizen=citizen, purpose=ConsentPurpose.PARTNERSHIP
        )
    if ExperienceExpert.objects.filter(round=round_, citizen=citizen).exists():
        raise ValidationError(_("Du er allerede tilmeldt denne runde."))
    expert = ExperienceExpert(round=round_, citizen=citizen, **profile)
    expert.full_clean()
    expert.save()
    _log_expert(
        by, AccessAction.CREATE, expert, expert, gettext_noop("Tilmelding som erfaringsekspert")
    )
    return expert


@transaction.atomic
def register_leader(*, by, round_: Round, profile: dict) -> Leader:
    if not round_.is_open_for_registration:
        raise ValidationError(_("Runden er lukket for tilmelding. Kontakt facilitatoren."))
    staff = getattr(by, "staff_member", None)
    if staff is None:
        raise ValidationError(_("Kun medarbejdere kan tilmelde sig som leder."))
    if Leader.objects.filter(round=round_, user=by).exists():
        raise ValidationError(_("Du er allerede tilmeldt denne runde."))
    leader = Leader(
        round=round_,
        user=by,
        organisation=staff.organisation,
        job_title=staff.job_title,
        **profile,
    )
    leader.full_clean()
    leader.save()
    return leader


@transaction.atomic
def review_candidate(*, by, candidate, status: str):
    if isinstance(candidate, ExperienceExpert):
        ensure_processing_allowed(candidate.citizen, PARTNERSHIP)
    if status not in (CandidateStatus.APPROVED, CandidateStatus.REJECTED):
        raise ValidationError(_("Vælg godkend eller afvis."))
    candidate.status = status
    candidate.full_clean()
    candidate.save(update_fields=["status", "updated_at"])
    if isinstance(candidate, ExperienceExpert):
        _log_expert(
            by, AccessAction.UPDATE, candidate, candidate, gettext_noop("Godkendelse af kandidat")
        )
    return candidate


@transaction.atomic
def add_constraint(*, by, round_, expert, leader, kind: str, reason: str = "") -> MatchConstraint:
    """Lock a pair or exclude it; a later rule for the same pair replaces the earlier one."""
    ensure_processing_allowed(expert.citizen, PARTNERSHIP)
    MatchConstraint.objects.filter(expert=expert, leader=leader).delete()
    rule = MatchConstraint(
        round=round_, expert=expert, leader=leader, kind=kind, reason=reason, created_by=by
    )
    rule.full_clean()
    rule.save()
    _log_expert(by, AccessAction.CREATE, rule, expert, gettext_noop("Match-making"))
    return rule


@transaction.atomic
def remove_constraint(*, by, rule: MatchConstraint):
    ensure_processing_allowed(rule.expert.citizen, None)
    _log_expert(by, AccessAction.DELETE, rule, rule.expert, gettext_noop("Match-making"))
    rule.delete()


# Matching -----------------------------------------------------------------------------


@transaction.atomic
def run_matching(*, by, round_: Round) -> MatchingRun:
    """Solve now when small; otherwise queue a background task that reports its progress."""
    experts = ExperienceExpert.objects.filter(
        round=round_, is_available=True, citizen__in=processable_citizens(PARTNERSHIP)
    ).unmatched()
    leaders = Leader.objects.filter(round=round_, is_available=True).unmatched()
    run = MatchingRun.objects.create(
        round=round_,
        started_by=by,
        expert_count=experts.count(),
        leader_count=leaders.count(),
    )
    if not run.expert_count or not run.leader_count:
        run.status, run.error = (
            RunStatus.FAILED,
            _("Der skal være mindst én godkendt, ledig erfaringsekspert og én leder."),
        )
        run.finished_at = timezone.now()
        run.save()
        return run
    if run.expert_count * run.leader_count > BACKGROUND_CELLS:
        from .tasks import solve_matching_run

        transaction.on_commit(lambda: solve_matching_run.enqueue(run.pk))
        return run
    compute_matching_run(run)
    return run


def compute_matching_run(run: MatchingRun) -> MatchingRun:
    """Build profiles, solve and store the proposal; progress is saved as it goes."""

    def progress(percent):
        MatchingRun.objects.filter(pk=run.pk).update(progress=percent)

    run.status = RunStatus.RUNNING
    run.save(update_fields=["status", "updated_at"])
    try:
        round_ = run.round
        experts = ExperienceExpert.objects.filter(
            round=round_, is_available=True, citizen__in=processable_citizens(PARTNERSHIP)
        ).unmatched()
        leaders = Leader.objects.filter(round=round_, is_available=True).unmatched()
        e_profiles = [
            matching.Profile(pk, t, i, a)
            for pk, t, i, a in experts.values_list("pk", "themes", "interests", "availability")
        ]
        l_profiles = [
            matching.Profile(pk, t, i, a)
            for pk, t, i, a in leaders.values_list("pk", "themes", "interests", "availability")
        ]
        progress(10)
        rules = list(round_.constraints.values_list("expert_id", "leader_id", "kind"))
        excluded = [(e, lead) for e, lead, kind in rules if kind != ConstraintKind.LOCK]
        locked = [(e, lead) for e, lead, kind in rules if kind == ConstraintKind.LOCK]
        pairs = matching.propose(
            e_profiles,
            l_profiles,
            excluded=excluded,
            locked=locked,
            slot_labels=SLOT_LABELS,
            progress=progress,
        )
    except matching.MatchingError as error:
        run.status, run.error = RunStatus.FAILED, str(error)
    else:
        run.status = RunStatus.DONE
        run.pairs = [
            {
                "expert": p.expert,
                "leader": p.leader,
                "score": p.score,
                "reasons": [str(r) for r in p.reasons],
                "locked": p.locked,
            }
            for p in pairs
        ]
        run.total_score = sum(p.score for p in pairs)
        run.progress = 100
    run.finished_at = timezone.now()
    run.save()
    return run


@transaction.atomic
def confirm_matching(*, by, run: MatchingRun) -> list[Partnership]:
    """The facilitator confirms the proposal: each pair becomes a proposed partnership."""
    run = MatchingRun.objects.select_for_update().get(pk=run.pk)
    if run.status != RunStatus.DONE:
        raise ValidationError(
            _("Forslaget kan ikke bekræftes, fordi beregningen ikke er færdig eller er brugt.")
        )
    if run.round.matching_runs.filter(created_at__gt=run.created_at).exists():
        raise ValidationError(_("Der er lavet et nyere forslag. Bekræft det nyeste i stedet."))
    experts = ExperienceExpert.objects.in_bulk([p["expert"] for p in run.pairs])
    leaders = Leader.objects.in_bulk([p["leader"] for p in run.pairs])
    refused = list(
        ExperienceExpert.objects.filter(pk__in=experts)
        .exclude(citizen__in=processable_citizens(PARTNERSHIP))
        .select_related("citizen")
    )
    if refused:
        restricted = any(e.citizen.is_processing_restricted for e in refused)
        raise (ProcessingRestrictedError if restricted else ProcessingRefusedError)(
            _(
                "%(names)s har trukket samtykket tilbage, eller behandlingen af oplysningerne er "
                "begrænset. Beregn et nyt forslag."
            )
            % {"names": ", ".join(sorted(e.citizen.display_name for e in refused))}
        )
    taken_experts = set(
        ExperienceExpert.objects.filter(pk__in=experts)
        .exclude(pk__in=ExperienceExpert.objects.unmatched())
        .values_list("pk", flat=True)
    )
    taken_leaders = set(
        Leader.objects.filter(pk__in=leaders)
        .exclude(pk__in=Leader.objects.unmatched())
        .values_list("pk", flat=True)
    )
    if taken_experts or taken_leaders:
        raise ValidationError(
            _("Nogle i forslaget er allerede i et partnerskab. Beregn et nyt forslag.")
        )
    partnerships = [
        Partnership(
            round=run.round,
            expert=experts[p["expert"]],
            leader=leaders[p["leader"]],
            match_reasons=p["reasons"],
            state_changed_by=by,
        )
        for p in run.pairs
    ]
    for partnership in partnerships:
        partnership.full_clean()
    Partnership.objects.bulk_create(partnerships)
    run.status = RunStatus.CONFIRMED
    run.save(update_fields=["status", "updated_at"])
    log_access_many(
        by=by,
        action=AccessAction.CREATE,
        objs=Partnership.objects.filter(round=run.round, expert__in=experts.values()),
        purpose=gettext_noop("Match-making"),
        citizen_id_of=lambda p: p.expert.citizen_id,
    )
    return partnerships


# Lifecycle ----------------------------------------------------------------------------


def _locked(partnership) -> Partnership:
    return (
        Partnership.objects.select_for_update()
        .select_related("round", "expert", "leader")
        .get(pk=partnership.pk)
    )


@transaction.atomic
def transition(
    *, by, partnership: Partnership, event: str, reason: str = "", accept_warnings=False
) -> Partnership:
    """Move the partnership through its lifecycle (see lifecycle.py); nothing changes on error."""
    ensure_processing_allowed(
        partnership.expert.citizen, None if event in ENDING_EVENTS else PARTNERSHIP
    )
    partnership = _locked(partnership)
    lifecycle.apply(partnership, event, by=by, reason=reason, accept_warnings=accept_warnings)
    partnership.full_clean()
    partnership.save()
    if partnership.state in (PartnershipState.DECLINED, PartnershipState.ENDED_EARLY):
        # Both go back into the pool for re-matching, but not with each other.
        MatchConstraint.objects.update_or_create(
            expert=partnership.expert,
            leader=partnership.leader,
            defaults={
                "round": partnership.round,
                "kind": ConstraintKind.DO_NOT_MATCH,
                "reason": partnership.state_reason[:300],
                "created_by": by,
            },
        )
    _log_expert(
        by,
        AccessAction.UPDATE,
        partnership,
        partnership.expert,
        gettext_noop("Partnerskabets fase"),
    )
    return partnership


@transaction.atomic
def record_kickoff(
    *,
    by,
    partnership: Partnership,
    agreement: str,
    shared_task: str,
    kickoff_on: date | None,
    seen_version: str = "",
) -> Partnership:
    """The facilitated kick-off: the pair's agreement and shared task, then on to meetings."""
    ensure_processing_allowed(partnership.expert.citizen, PARTNERSHIP)
    partnership = _locked(partnership)
    check_version(partnership, seen_version)
    partnership.agreement = agreement.strip()
    partnership.shared_task = shared_task.strip()
    partnership.kickoff_on = kickoff_on or timezone.localdate()
    lifecycle.apply(partnership, "hold_kickoff", by=by)
    partnership.full_clean()
    partnership.save()
    _log_expert(
        by, AccessAction.UPDATE, partnership, partnership.expert, gettext_noop("Opstartsmøde")
    )
    return partnership


# Meetings and payment -----------------------------------------------------------------


@transaction.atomic
def register_meeting(*, by, partnership: Partnership, data: dict) -> PartnershipMeeting:
    """A meeting either party held; the expert's honorarium for it is added to the month."""
    ensure_processing_allowed(partnership.expert.citizen, PARTNERSHIP)
    partnership = _locked(partnership)
    if partnership.state != PartnershipState.MEETINGS:
        raise ValidationError(
            _(
                "Møder kan kun registreres, mens partnerskabet er i fasen «Møder». "
                "Det er nu i fasen «%(state)s»."
            )
            % {"state": partnership.get_state_display()}
        )
    meeting = PartnershipMeeting(partnership=partnership, registered_by=by, **data)
    meeting.full_clean()
    meeting.save()
    rate = partnership.round.honorarium_rate
    Payment.objects.create(
        meeting=meeting,
        partnership=partnership,
        hours=meeting.duration_hours,
        rate=rate,
        amount=(Decimal(meeting.duration_hours) * rate).quantize(Decimal("0.01")),
        month=meeting.held_on.replace(day=1),
    )
    _log_expert(
        by, AccessAction.CREATE, meeting, partnership.expert, gettext_noop("Registrering af møde")
    )
    return meeting


@transaction.atomic
def mark_paid(*, by, payments) -> int:
    payments = list(
        Payment.objects.select_for_update()
        .filter(pk__in=[p.pk for p in payments], is_paid=False)
        .select_related("partnership__expert")
    )
    now = timezone.now()
    for payment in payments:
        payment.is_paid, payment.paid_at, payment.paid_by = True, now, by
    Payment.objects.bulk_update(payments, ["is_paid", "paid_at", "paid_by"])
    log_access_many(
        by=by,
        action=AccessAction.UPDATE,
        objs=payments,
        purpose=gettext_noop("Udbetaling af honorar"),
        citizen_id_of=lambda p: p.partnership.expert.citizen_id,
    )
    return len(payments)


def record_payment_export(*, by, payments):
    log_access_many(
        by=by,
        action=AccessAction.EXPORT,
        objs=payments,
        purpose=gettext_noop("Honorarliste til økonomiafdelingen"),
        citizen_id_of=lambda p: p.partnership.expert.citizen_id,
    )


# Reflections and wrap-up ----------------------------------------------------------------


def _party_or_refuse(partnership, by) -> str:
    party = partnership.party_of(by)
    if party is None:
        raise ValidationError(_("Kun de to parter i partnerskabet kan gøre dette."))
    return party


def _index_insight(obj):
    from samskab.insights.index import update_insight

    update_insight(obj)


@transaction.atomic
def write_reflection(*, by, partnership: Partnership, data: dict) -> Reflection:
    ensure_processing_allowed(partnership.expert.citizen, PARTNERSHIP)
    party = _party_or_refuse(partnership, by)
    if partnership.state in (PartnershipState.PROPOSED, PartnershipState.DECLINED):
        raise ValidationError(_("Refleksioner kan først skrives, når partnerskabet er bekræftet."))
    reflection = Reflection(partnership=partnership, author=by, party=party, **data)
    reflection.full_clean()
    reflection.save()
    _index_insight(reflection)
    _log_expert(by, AccessAction.CREATE, reflection, partnership.expert, gettext_noop("Refleksion"))
    return reflection


@transaction.atomic
def submit_evaluation(*, by, partnership: Partnership, data: dict) -> WrapUpEvaluation:
    ensure_processing_allowed(partnership.expert.citizen, PARTNERSHIP)
    party = _party_or_refuse(partnership, by)
    partnership = _locked(partnership)
    if partnership.state != PartnershipState.WRAPUP:
        raise ValidationError(_("Evalueringen åbner, når partnerskabet er i fasen «Afrunding»."))
    if partnership.evaluations.filter(party=party).exists():
        raise ValidationError(_("Du har allerede besvaret evalueringen. Svarene kan ikke ændres."))
    evaluation = WrapUpEvaluation(partnership=partnership, party=party, submitted_by=by, **data)
    evaluation.full_clean()
    evaluation.save()
    _log_expert(
        by,
        AccessAction.CREATE,
        evaluation,
        partnership.expert,
        gettext_noop("Afrundingsevaluering"),
    )
    return evaluation


# Gatherings ---------------------------------------------------------------------------


@transaction.atomic
def create_gathering(*, by, organisation, data: dict) -> Gathering:
    """Schedule the gathering and invite everyone in past, current and coming partnerships."""
    gathering = Gathering(organisation=organisation, created_by=by, **data)
    gathering.full_clean()
    gathering.save()
    partnerships = Partnership.objects.filter(round__organisation=organisation).exclude(
        state=PartnershipState.DECLINED
    )
    coming = {
        "experts": ExperienceExpert.objects.filter(
            round__organisation=organisation, status=CandidateStatus.APPROVED
        ),
        "leaders": Leader.objects.filter(
            round__organisation=organisation, status=CandidateStatus.APPROVED
        ),
    }
    citizen_ids = set(partnerships.values_list("expert__citizen_id", flat=True)) | set(
        coming["experts"].values_list("citizen_id", flat=True)
    )
    # Experts who withdrew their consent, or whose processing is restricted, are not invited.
    citizen_ids &= set(
        processable_citizens(PARTNERSHIP).filter(pk__in=citizen_ids).values_list("pk", flat=True)
    )
    user_ids = set(partnerships.values_list("leader__user_id", flat=True)) | set(
        coming["leaders"].values_list("user_id", flat=True)
    )
    GatheringInvitation.objects.bulk_create(
        [
            GatheringInvitation(gathering=gathering, citizen_id=pk, party=Party.EXPERT)
            for pk in sorted(citizen_ids)
        ]
        + [
            GatheringInvitation(gathering=gathering, user_id=pk, party=Party.LEADER)
            for pk in sorted(user_ids)
        ]
    )
    invitations = gathering.invitations.filter(citizen__isnull=False)
    log_access_many(
        by=by,
        action=AccessAction.CREATE,
        objs=invitations,
        purpose=gettext_noop("Invitation til fællesmøde"),
        citizen_id_of=lambda i: i.citizen_id,
    )
    return gathering


@transaction.atomic
def record_reply(*, by, invitation: GatheringInvitation, reply: str) -> GatheringInvitation:
    if invitation.citizen_id:
        ensure_processing_allowed(invitation.citizen, PARTNERSHIP)
    if reply not in Reply.values:
        raise ValidationError(_("Vælg et gyldigt svar."))
    invitation.reply = reply
    invitation.replied_at = timezone.now() if reply != Reply.PENDING else None
    invitation.save(update_fields=["reply", "replied_at", "updated_at"])
    if invitation.citizen_id:
        _log_expert(
            by,
            AccessAction.UPDATE,
            invitation,
            invitation.citizen_id,
            gettext_noop("Svar på invitation til fællesmøde"),
        )
    return invitation
