"""Writes in welfare innovation: one atomic, validated function per change, `by=` the user.

No citizen's personal data is stored here (involvement notes are anonymous), so there is
nothing to write to the access log.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from samskab.core.concurrency import check_version

from . import gates
from .models import (
    Adoption,
    BusinessCase,
    BusinessCaseLine,
    Challenge,
    ChangeStep,
    FreedResource,
    GateCriterion,
    GateDecision,
    Indicator,
    Involvement,
    Lesson,
    MembershipStatus,
    Mission,
    MissionMembership,
    PartnerRole,
    PhaseEntry,
    PrincipleCheck,
    Project,
    ProjectPartner,
    Risk,
    RiskReview,
    Stakeholder,
)


def _saved(obj):
    obj.full_clean()
    obj.save()
    return obj


def _indexed(obj):
    """Keep the body of insight (insights app) current."""
    from samskab.insights.index import update_insight

    update_insight(obj)
    return obj


@transaction.atomic
def request_mission_membership(*, by, mission, organisation, motivation: str = ""):
    existing = MissionMembership.objects.filter(mission=mission, organisation=organisation).first()
    if existing and existing.status != MembershipStatus.DECLINED:
        raise ValidationError(
            _("%(org)s har allerede anmodet om at deltage i missionen eller deltager allerede.")
            % {"org": organisation}
        )
    membership = existing or MissionMembership(mission=mission, organisation=organisation)
    membership.status = MembershipStatus.REQUESTED
    membership.motivation = motivation.strip()
    membership.requested_by = by
    membership.decided_by, membership.decided_at = None, None
    return _saved(membership)


@transaction.atomic
def decide_mission_membership(*, by, membership, accept: bool):
    if membership.status != MembershipStatus.REQUESTED:
        raise ValidationError(
            _("Anmodningen er allerede besvaret (%(status)s).")
            % {"status": membership.get_status_display()}
        )
    membership.status = MembershipStatus.ACCEPTED if accept else MembershipStatus.DECLINED
    membership.decided_by, membership.decided_at = by, timezone.now()
    return _saved(membership)


@transaction.atomic
def create_challenge(*, by, data: dict) -> Challenge:
    return _saved(Challenge(**data))


@transaction.atomic
def create_mission(*, by, data: dict) -> Mission:
    return _saved(Mission(**data))


@transaction.atomic
def update_project(*, by, project, data: dict, seen_version: str = "") -> Project:
    check_version(project, seen_version)
    for field, value in data.items():
        setattr(project, field, value)
    return _saved(project)


@transaction.atomic
def create_project(*, by, organisation, data: dict) -> Project:
    """A new project starts in Opstart with the creator's organisation as owner."""
    project = _saved(Project(created_by=by, **data))
    _saved(ProjectPartner(project=project, organisation=organisation, role=PartnerRole.OWNER))
    PhaseEntry.objects.create(project=project, phase=project.phase, entered_on=timezone.localdate())
    return project


@transaction.atomic
def add_partner(*, by, project, organisation, role: str) -> ProjectPartner:
    if project.partners.filter(organisation=organisation).exists():
        raise ValidationError(_("%(org)s er allerede partner i projektet.") % {"org": organisation})
    partner = _saved(ProjectPartner(project=project, organisation=organisation, role=role))
    project.__dict__.pop("_partner_ids", None)
    return partner


def _refuse_losing_last_owner(partner, *, new_role=None):
    """The project must keep at least one owner; lock the project so two changes can't race."""
    Project.objects.select_for_update().filter(pk=partner.project_id).first()
    if partner.role != PartnerRole.OWNER or new_role == PartnerRole.OWNER:
        return
    other_owners = ProjectPartner.objects.filter(
        project_id=partner.project_id, role=PartnerRole.OWNER
    ).exclude(pk=partner.pk)
    if not other_owners.exists():
        raise ValidationError(
            _(
                "%(org)s er projektets eneste projektejer, og et projekt skal altid have en "
                "projektejer. Giv først en anden partner rollen projektejer, og prøv så igen. "
                "Intet er ændret."
            )
            % {"org": partner.organisation}
        )


@transaction.atomic
def change_partner_role(*, by, partner, role: str) -> ProjectPartner:
    _refuse_losing_last_owner(partner, new_role=role)
    partner.role = role
    return _saved(partner)


@transaction.atomic
def remove_partner(*, by, partner) -> None:
    _refuse_losing_last_owner(partner)
    partner.delete()


@transaction.atomic
def request_gate_decision(*, by, project) -> Project:
    gates.next_state(gates.State(project.phase, project.status), "stop")  # refuses if stopped
    if project.gate_requested_on:
        raise ValidationError(_("Projektet venter allerede på en gatebeslutning."))
    project.gate_requested_on = timezone.localdate()
    project.save(update_fields=["gate_requested_on", "updated_at"])
    return project


@transaction.atomic
def record_gate_decision(
    *,
    by,
    project,
    outcome: str,
    decided_on,
    decision_makers: str,
    criteria_met=(),
    notes: str = "",
    to_phase: str | None = None,
    risks_reviewed: bool = False,
) -> GateDecision:
    """Record the decision and move the project as the state machine says; all or nothing.

    The risk register is reviewed at every gate: with open risks the decision needs
    `risks_reviewed`, and each of them is recorded with the decision as it stood then."""
    project = Project.objects.select_for_update().get(pk=project.pk)
    new = gates.next_state(gates.State(project.phase, project.status), outcome, to_phase)
    open_risks = list(Risk.objects.filter(project=project).unclosed())
    if open_risks and not risks_reviewed:
        raise ValidationError(
            _(
                "Projektet har åbne risici i risikoregistret. Gennemgå dem, og sæt flueben i "
                "“Vi har gennemgået de åbne risici”, før gatebeslutningen gemmes."
            )
        )
    unknown = set(criteria_met) - set(GateCriterion.values)
    if unknown:
        raise ValidationError(_("Ukendt kriterium i tjeklisten. Vælg blandt kriterierne."))
    decision = _saved(
        GateDecision(
            project=project,
            decided_on=decided_on,
            outcome=outcome,
            from_phase=project.phase,
            to_phase=new.phase,
            decision_makers=decision_makers.strip(),
            criteria_met=[c for c in GateCriterion.values if c in set(criteria_met)],
            notes=notes.strip(),
            recorded_by=by,
        )
    )
    RiskReview.objects.bulk_create(
        RiskReview(
            gate_decision=decision,
            risk=risk,
            likelihood=risk.likelihood,
            impact=risk.impact,
            status=risk.status,
        )
        for risk in open_risks
    )
    if new.phase != project.phase:
        PhaseEntry.objects.create(
            project=project, phase=new.phase, entered_on=decided_on, gate_decision=decision
        )
    project.phase, project.status, project.gate_requested_on = new.phase, new.status, None
    project.save(update_fields=["phase", "status", "gate_requested_on", "updated_at"])
    return decision


@transaction.atomic
def save_business_case(
    *, by, project, discount_rate, long_term_rate=None, notes: str = "", seen_version: str = ""
) -> BusinessCase:
    case, _created = BusinessCase.objects.get_or_create(project=project)
    check_version(case, seen_version)
    case.discount_rate, case.notes = discount_rate, notes.strip()
    if long_term_rate is not None:
        case.long_term_rate = long_term_rate
    return _saved(case)


@transaction.atomic
def add_business_case_line(*, by, project, data: dict) -> BusinessCaseLine:
    case, _created = BusinessCase.objects.get_or_create(project=project)
    return _saved(BusinessCaseLine(business_case=case, **data))


@transaction.atomic
def delete_business_case_line(*, by, line) -> None:
    line.delete()


@transaction.atomic
def add_change_step(*, by, project, data: dict) -> ChangeStep:
    return _saved(ChangeStep(project=project, **data))


@transaction.atomic
def add_indicator(*, by, step, data: dict) -> Indicator:
    indicator = _saved(Indicator(step=step, **data))
    # A new indicator is a change to its step: someone deleting the step from an older view
    # of it is refused instead of taking the indicator with it unseen.
    step.save(update_fields=["updated_at"])
    return indicator


@transaction.atomic
def delete_change_step(*, by, step, seen_version: str = "") -> None:
    check_version(step, seen_version)
    step.delete()


@transaction.atomic
def save_principle_checks(
    *, by, project, levels: dict, notes: dict, seen_version: str = ""
) -> list[PrincipleCheck]:
    """The checks are one set, versioned by the project: a save from a page shown before
    someone else's save is refused, and each save renews the project's version."""
    check_version(project, seen_version)
    checks = []
    for principle, level in levels.items():
        check, _created = PrincipleCheck.objects.get_or_create(project=project, principle=principle)
        check.level, check.note = level, notes.get(principle, "").strip()
        checks.append(_saved(check))
    project.save(update_fields=["updated_at"])
    return checks


@transaction.atomic
def record_involvement(*, by, project, data: dict) -> Involvement:
    return _indexed(_saved(Involvement(project=project, **data)))


@transaction.atomic
def record_freed_resource(*, by, project, data: dict) -> FreedResource:
    if data.get("hours") is None and data.get("amount") is None:
        raise ValidationError(_("Skriv enten de frigjorte timer eller beløbet."))
    return _saved(FreedResource(project=project, **data))


@transaction.atomic
def record_adoption(*, by, project, organisation, status: str, since_on) -> Adoption:
    adoption = Adoption.objects.filter(project=project, organisation=organisation).first()
    adoption = adoption or Adoption(project=project, organisation=organisation)
    adoption.status, adoption.since_on = status, since_on
    return _saved(adoption)


@transaction.atomic
def share_lesson(*, by, organisation, data: dict) -> Lesson:
    return _indexed(_saved(Lesson(author=by, organisation=organisation, **data)))


@transaction.atomic
def add_risk(*, by, project, data: dict) -> Risk:
    return _saved(Risk(project=project, **data))


@transaction.atomic
def update_risk(*, by, risk, data: dict, seen_version: str = "") -> Risk:
    check_version(risk, seen_version)
    for field, value in data.items():
        setattr(risk, field, value)
    return _saved(risk)


@transaction.atomic
def add_stakeholder(
    *, by, name: str, phase_roles: dict, organisation=None, project=None, mission=None
) -> Stakeholder:
    """A stakeholder of a project or a mission with its role per phase (empty = no role)."""
    roles = {phase: role for phase, role in phase_roles.items() if role}
    return _saved(
        Stakeholder(
            name=name.strip(),
            organisation=organisation,
            phase_roles=roles,
            project=project,
            mission=mission,
        )
    )


@transaction.atomic
def remove_stakeholder(*, by, stakeholder) -> None:
    stakeholder.delete()
