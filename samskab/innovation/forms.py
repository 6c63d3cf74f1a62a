"""Forms for welfare innovation; they parse input, the actions and the gate machine decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.concurrency import VersionedFormMixin
from samskab.core.forms import Form, ModelForm
from samskab.outcomes.models import Measure
from samskab.people.models import Organisation

from .models import (
    Adoption,
    BusinessCase,
    BusinessCaseLine,
    Challenge,
    ChangeStep,
    FreedResource,
    GateCriterion,
    GateOutcome,
    Indicator,
    Involvement,
    Lesson,
    Mission,
    Phase,
    PrincipleLevel,
    Project,
    ProjectPartner,
    Risk,
    StakeholderRole,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ProjectForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Project
        fields = ["title", "description", "mission"]
        error_messages = {
            "title": {
                "required": _("Giv projektet en titel."),
                "unique": _("Der findes allerede et projekt med den titel. Vælg en anden titel."),
            }
        }


class ChallengeForm(ModelForm):
    class Meta:
        model = Challenge
        fields = ["name", "description"]
        error_messages = {
            "name": {
                "required": _("Giv velfærdsudfordringen et navn."),
                "unique": _(
                    "Der findes allerede en velfærdsudfordring med det navn. "
                    "Opret missionen under den i stedet."
                ),
            }
        }


class MissionForm(ModelForm):
    class Meta:
        model = Mission
        fields = ["challenge", "name", "description", "owner"]
        error_messages = {
            "challenge": {"required": _("Vælg den velfærdsudfordring, missionen hører under.")},
            "name": {
                "required": _("Giv missionen et navn."),
                "unique": _("Der findes allerede en mission med det navn. Join den i stedet."),
            },
            "owner": {"required": _("Vælg den organisation, der er ansvarlig for missionen.")},
        }

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners


class PartnerForm(ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["organisation", "role"]
        error_messages = {"organisation": {"required": _("Vælg organisationen.")}}


class PartnerRoleForm(ModelForm):
    class Meta:
        model = ProjectPartner
        fields = ["role"]
        error_messages = {"role": {"required": _("Vælg en rolle.")}}


class MembershipRequestForm(Form):
    motivation = forms.CharField(
        label=_("Hvad vil I bidrage med?"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class GateDecisionForm(Form):
    outcome = forms.ChoiceField(
        label=_("Beslutning"),
        choices=GateOutcome.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Vælg styregruppens beslutning.")},
    )
    to_phase = forms.ChoiceField(
        label=_("Tilbage til fase"),
        choices=[("", "—"), *Phase.choices],
        required=False,
        help_text=_("Kun når beslutningen er “tilbage til en tidligere fase”."),
    )
    decided_on = forms.DateField(
        label=_("Dato for beslutningen"),
        widget=DateInput(),
        initial=timezone.localdate,
        error_messages={"required": _("Skriv datoen for beslutningen.")},
    )
    decision_makers = forms.CharField(
        label=_("Beslutningstagere"),
        max_length=500,
        help_text=_("Fx styregruppens medlemmer, der traf beslutningen."),
        error_messages={"required": _("Skriv, hvem der traf beslutningen.")},
    )
    criteria_met = forms.MultipleChoiceField(
        label=_("Kriterier, der er opfyldt"),
        choices=GateCriterion.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    notes = forms.CharField(
        label=_("Noter"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    risks_reviewed = forms.BooleanField(
        label=_("Vi har gennemgået de åbne risici"),
        required=False,
        help_text=_(
            "Risikoregistret gennemgås ved hver gate. Gennemgangen gemmes med beslutningen."
        ),
    )


class PortfolioFilterForm(Form):
    mission = forms.ModelChoiceField(
        label=_("Mission"), queryset=Mission.objects.all(), required=False, empty_label=_("Alle")
    )
    phase = forms.ChoiceField(
        label=_("Fase"), choices=[("", _("Alle")), *Phase.choices], required=False
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        # A subquery, not a join with DISTINCT over every partnership of the portfolio.
        queryset=Organisation.objects.filter(
            pk__in=ProjectPartner.objects.values("organisation_id")
        ).only("pk", "name"),
        required=False,
        empty_label=_("Alle"),
    )
    waiting = forms.BooleanField(
        label=_("Kun projekter, der venter på en gatebeslutning"), required=False
    )

    def filter(self, projects):
        """The projects that match the valid filters (all of them when nothing is chosen)."""
        if not self.is_valid():
            return projects
        data = self.cleaned_data
        if data["mission"]:
            projects = projects.filter(mission=data["mission"])
        if data["phase"]:
            projects = projects.filter(phase=data["phase"])
        if data["organisation"]:
            projects = projects.with_partner([data["organisation"].pk])
        if data["waiting"]:
            projects = projects.waiting_for_gate()
        return projects

    @property
    def shows_one_cell(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data["mission"] and self.cleaned_data["phase"])


class BusinessCaseForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = BusinessCase
        fields = ["discount_rate", "long_term_rate", "notes"]
        error_messages = {
            "discount_rate": {"required": _("Skriv diskonteringsrenten i procent, fx 3,5.")}
        }


class BusinessCaseLineForm(ModelForm):
    class Meta:
        model = BusinessCaseLine
        fields = ["kind", "payer", "year", "description", "quantity", "unit_price"]
        error_messages = {
            "description": {"required": _("Beskriv omkostningen eller gevinsten.")},
            "unit_price": {"required": _("Skriv enhedsprisen i kroner.")},
            "year": {"required": _("Skriv året (0 er det første år).")},
        }


class ChangeStepForm(ModelForm):
    class Meta:
        model = ChangeStep
        fields = ["level", "text"]
        error_messages = {"text": {"required": _("Skriv teksten til trinnet.")}}


class IndicatorForm(ModelForm):
    class Meta:
        model = Indicator
        fields = ["step", "name", "measure", "target"]
        error_messages = {"name": {"required": _("Skriv indikatorens navn.")}}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["step"].queryset = project.change_steps.all()
        self.fields["measure"].queryset = Measure.objects.all()
        self.fields["measure"].required = False


class PrincipleCheckForm(VersionedFormMixin, Form):
    """One level and one note per principle; fields are added per principle. The checks of a
    project are saved as one set, so the form carries the project's version."""

    def __init__(self, *args, project, principles, initial_checks, **kwargs):
        self.instance = project
        super().__init__(*args, **kwargs)
        for value, label in principles:
            check = initial_checks.get(value)
            self.fields[f"level_{value}"] = forms.TypedChoiceField(
                label=label,
                choices=PrincipleLevel.choices,
                coerce=int,
                widget=forms.RadioSelect,
                initial=check.level if check else PrincipleLevel.NOT_YET,
            )
            self.fields[f"note_{value}"] = forms.CharField(
                label=_("Note: %(principle)s") % {"principle": label},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=check.note if check else "",
            )

    def show_current_version(self, instance) -> None:
        """The stored values are the project's current checks, not attributes of it."""
        super().show_current_version(instance)
        checks = {c.principle: c for c in instance.principle_checks.all()}
        values = []
        for bound in self.visible_fields():
            kind, _sep, principle = bound.name.partition("_")
            check = checks.get(principle)
            if kind == "level":
                level = check.level if check else PrincipleLevel.NOT_YET
                values.append((str(bound.label), str(PrincipleLevel(level).label)))
            else:
                values.append((str(bound.label), check.note if check else ""))
        self.stored_values = values


class InvolvementForm(ModelForm):
    class Meta:
        model = Involvement
        fields = ["phase", "held_on", "activity", "participants", "what_changed"]
        widgets = {"held_on": DateInput(), "what_changed": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "activity": {"required": _("Beskriv aktiviteten.")},
            "what_changed": {"required": _("Skriv, hvad inddragelsen ændrede.")},
        }


class FreedResourceForm(ModelForm):
    class Meta:
        model = FreedResource
        fields = ["description", "hours", "amount", "reinvested_in"]
        widgets = {"reinvested_in": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "reinvested_in": {"required": _("Skriv, hvad ressourcerne blev geninvesteret i.")}
        }


class AdoptionForm(ModelForm):
    class Meta:
        model = Adoption
        fields = ["organisation", "status", "since_on"]
        widgets = {"since_on": DateInput()}


class LessonForm(ModelForm):
    class Meta:
        model = Lesson
        fields = ["title", "text", "tags", "perspective", "visibility", "project"]
        error_messages = {
            "title": {"required": _("Giv læringen en titel.")},
            "text": {"required": _("Skriv, hvad I har lært.")},
        }
        help_texts = {
            "text": _("Læringer deles med hele netværket. Skriv ingen personoplysninger.")
        }


class RiskForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Risk
        fields = ["description", "likelihood", "impact", "owner", "response", "status"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "response": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "description": {"required": _("Beskriv risikoen.")},
            "likelihood": {"required": _("Vælg sandsynligheden fra 1 til 5.")},
            "impact": {"required": _("Vælg konsekvensen fra 1 til 5.")},
            "owner": {"required": _("Skriv, hvem der ejer risikoen.")},
        }


class StakeholderForm(Form):
    """A stakeholder and its role in each of the five phases."""

    name = forms.CharField(
        label=_("Interessent"),
        max_length=200,
        help_text=_("Fx en organisation, en faggruppe eller et borgerpanel. Ikke borgeres navne."),
        error_messages={"required": _("Skriv interessentens navn.")},
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.all(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for phase in Phase:
            self.fields[f"phase_{phase.value}"] = forms.ChoiceField(
                label=_("Rolle i %(phase)s") % {"phase": phase.label},
                choices=[("", _("Ingen rolle")), *StakeholderRole.choices],
                required=False,
            )

    def phase_roles(self) -> dict:
        return {phase.value: self.cleaned_data.get(f"phase_{phase.value}", "") for phase in Phase}
