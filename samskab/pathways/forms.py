"""Forms for pathways; they parse input, the actions decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.concurrency import VersionedFormMixin
from samskab.core.forms import Form, ModelForm, ModelMultipleChoiceField
from samskab.people.models import Citizen, StaffMember

from .models import (
    RATING_ITEMS,
    LearningCapture,
    Meeting,
    MeetingRating,
    Pathway,
    PathwayActor,
    PlanAction,
    PlanActionStatus,
    PracticeDecision,
    PracticeElement,
    Team,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class PathwayForm(ModelForm):
    citizen = forms.ModelChoiceField(queryset=Citizen.objects.none(), label=_("Borger"))

    class Meta:
        model = Pathway
        fields = ["citizen", "rationale", "citizen_goals"]
        error_messages = {
            "rationale": {
                "required": _("Skriv teamets begrundelse for, at borgeren får et forløb.")
            }
        }

    def __init__(self, *args, citizens, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citizen"].queryset = citizens
        self.fields["citizen"].help_text = _(
            "Borgeren skal have givet samtykke til et sammenhængende borgerforløb."
        )


class GoalsForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Pathway
        fields = ["citizen_goals"]


class ActorForm(ModelForm):
    class Meta:
        model = PathwayActor
        fields = ["name", "organisation", "sector"]


class PlanActionForm(ModelForm):
    class Meta:
        model = PlanAction
        fields = ["description", "owner", "due_on"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2}), "due_on": DateInput()}


class PlanActionStatusForm(Form):
    status = forms.ChoiceField(choices=PlanActionStatus.choices, label=_("Status"))


class MeetingForm(ModelForm):
    participants = ModelMultipleChoiceField(
        queryset=StaffMember.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Deltagere fra teamet"),
    )

    class Meta:
        model = Meeting
        fields = [
            "held_on",
            "with_citizen",
            "participants",
            "other_participants",
            "supervisor_present",
            "agenda",
            "minutes",
        ]
        widgets = {
            "held_on": DateInput(),
            "agenda": forms.Textarea(attrs={"rows": 3}),
            "minutes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = StaffMember.objects.filter(
            team_memberships__team=team
        ).select_related("user", "unit")
        self.fields["held_on"].initial = timezone.localdate()


class LearningCaptureForm(ModelForm):
    practice_elements = ModelMultipleChoiceField(
        queryset=PracticeElement.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Hvilke praksiselementer handler det om?"),
    )

    class Meta:
        model = LearningCapture
        fields = ["what_worked", "what_next", "practice_elements", "perspective"]
        widgets = {
            "what_worked": forms.Textarea(attrs={"rows": 4}),
            "what_next": forms.Textarea(attrs={"rows": 4}),
            "perspective": forms.RadioSelect,
        }

    def __init__(self, *args, team: Team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["practice_elements"].queryset = PracticeElement.objects.for_team(team)


SCALE = [(str(n), str(n)) for n in range(11)]


class RatingForm(Form):
    """The hand-over screen's four 0–10 items and the comment."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for item in RATING_ITEMS:
            model_field = MeetingRating._meta.get_field(item)
            self.fields[item] = forms.TypedChoiceField(
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect(attrs={"class": "rating-scale"}),
                label=model_field.verbose_name,
                error_messages={
                    "required": _("Vælg et tal fra 0 til 10."),
                    "invalid_choice": _("Vælg et tal fra 0 til 10."),
                },
            )
        self.fields["comment"] = forms.CharField(
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
            label=_("Hvad gjorde en forskel i dag?"),
        )


class PracticeElementForm(ModelForm):
    organisation_wide = forms.BooleanField(
        required=False, label=_("Elementet afprøves i hele organisationen")
    )

    class Meta:
        model = PracticeElement
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class PracticeDecisionForm(ModelForm):
    class Meta:
        model = PracticeDecision
        fields = ["predicted", "observed", "decision", "reason", "decided_on"]
        widgets = {
            "predicted": forms.Textarea(attrs={"rows": 2}),
            "observed": forms.Textarea(attrs={"rows": 2}),
            "reason": forms.Textarea(attrs={"rows": 2}),
            "decision": forms.RadioSelect,
            "decided_on": DateInput(),
        }

    field_order = ["predicted", "observed", "decision", "reason", "decided_on"]


class WorkshopForm(Form):
    teams = ModelMultipleChoiceField(
        queryset=Team.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        label=_("Teams"),
        error_messages={"required": _("Vælg mindst ét team.")},
    )
    date_from = forms.DateField(label=_("Fra"), widget=DateInput())
    date_to = forms.DateField(label=_("Til"), widget=DateInput())
    n_themes = forms.IntegerField(
        label=_("Antal temaer"),
        required=False,
        min_value=1,
        max_value=10,
        help_text=_("Tom: Samskab vælger det antal, der skiller teksterne bedst."),
    )

    def __init__(self, *args, teams, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = teams

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("Fra-datoen skal ligge før til-datoen."))
        return data
