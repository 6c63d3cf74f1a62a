"""Forms for compass rounds and answers and readiness assessments; the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.forms import Form, ModelForm, ModelMultipleChoiceField
from samskab.outcomes.models import Measure
from samskab.people.models import Citizen, Organisation, Unit

from .models import QUESTIONS, SUPPORTS, CompassRound, ReadinessAssessment

SCORE_CHOICES = [
    (1, _("1 – slet ikke")),
    (2, _("2 – i lav grad")),
    (3, _("3 – i nogen grad")),
    (4, _("4 – i høj grad")),
    (5, _("5 – i meget høj grad")),
]
SCORE_MESSAGES = {
    "required": _("Vælg en score fra 1 til 5."),
    "invalid_choice": _("Scoren skal være et helt tal fra 1 til 5. Vælg en af mulighederne."),
}
DATE_MESSAGES = {"invalid": _("Skriv datoen som dag.måned.år, fx 23.11.2026.")}


class RoundForm(ModelForm):
    class Meta:
        model = CompassRound
        fields = ["organisation", "unit", "title", "period_start", "period_end"]
        localized_fields = ["period_start", "period_end"]
        help_texts = {"period_start": _("Fx 1.3.2026."), "period_end": _("Fx 31.3.2026.")}
        error_messages = {"period_start": DATE_MESSAGES, "period_end": DATE_MESSAGES}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["unit"].queryset = Unit.objects.filter(
            organisation__in=organisations
        ).select_related("organisation")
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class CompassResponseForm(Form):
    """A score from 1 to 5 and an optional comment for each of the six supports."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, support in enumerate(SUPPORTS, start=1):
            self.fields[f"score_{support.value}"] = forms.TypedChoiceField(
                label=f"{number}. {support.label}",
                choices=SCORE_CHOICES,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages=SCORE_MESSAGES,
            )
            self.fields[f"comment_{support.value}"] = forms.CharField(
                label=_("Kommentar til %(number)s. understøttelse") % {"number": number},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
                max_length=2000,
            )

    def scores(self):
        return {s.value: self.cleaned_data[f"score_{s.value}"] for s in SUPPORTS}

    def comments(self):
        return {s.value: self.cleaned_data[f"comment_{s.value}"] for s in SUPPORTS}


class ReadinessForm(ModelForm):
    class Meta:
        model = ReadinessAssessment
        fields = [
            "model_name",
            "source_organisation",
            "receiving_organisation",
            "assessed_on",
            *[name for q in QUESTIONS for name in (q.value, f"{q.value}_evidence")],
        ]
        widgets = {
            **{q.value: forms.RadioSelect for q in QUESTIONS},
            **{f"{q.value}_evidence": forms.Textarea(attrs={"rows": 3}) for q in QUESTIONS},
        }
        localized_fields = ["assessed_on"]
        error_messages = {
            "assessed_on": DATE_MESSAGES,
            **{q.value: {"required": _("Svar ja, delvist eller nej.")} for q in QUESTIONS},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        organisations = Organisation.objects.order_by("name")
        self.fields["source_organisation"].queryset = organisations
        self.fields["receiving_organisation"].queryset = organisations
        for q in QUESTIONS:
            self.fields[q.value].choices = [c for c in self.fields[q.value].choices if c[0]]
            self.fields[f"{q.value}_evidence"].label = _("Belæg for svaret")
            self.fields[f"{q.value}_evidence"].help_text = _(
                "Hvad bygger svaret på? Fx interview, beslutninger eller budgetter."
            )


def _date_field(label, help_text="", required=True):
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        localize=True,
        error_messages=DATE_MESSAGES,
    )


def _units_field(label, help_text):
    return ModelMultipleChoiceField(
        label=label,
        help_text=help_text,
        queryset=Unit.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={
            "invalid_choice": _("Vælg kun enheder fra listen."),
            "invalid_pk_value": _("Vælg kun enheder fra listen."),
        },
    )


class RolloutForm(Form):
    """A stepwise rollout: the pilot (stage 1), the comparison units and the periods."""

    name = forms.CharField(label=_("Navn på udrulningen"), max_length=200)
    model_name = forms.CharField(label=_("Model"), max_length=200, initial="Esbjerg-modellen")
    organisation = forms.ModelChoiceField(label=_("Organisation"), queryset=Organisation.objects)
    pilot_units = _units_field(
        _("Pilotenheder"), _("De enheder, der starter med modellen (trin 1).")
    )
    comparison_units = _units_field(
        _("Sammenligningsenheder"),
        _("Enheder i samme organisation, der fortsætter som hidtil. En enhed kan ikke være begge."),
    )
    baseline_start = _date_field(_("Før-periode fra"), _("Fx 1.1.2026."))
    baseline_end = _date_field(_("Før-periode til"), _("Fx 30.6.2026."))
    pilot_starts_on = _date_field(_("Piloten starter"), _("Efter før-perioden, fx 1.7.2026."))
    follow_up_name = forms.CharField(
        label=_("Navn på opfølgningsperioden"), max_length=100, initial=_("Opfølgning")
    )
    follow_up_start = _date_field(_("Opfølgning fra"), _("Fx 1.1.2027."))
    follow_up_end = _date_field(_("Opfølgning til"), _("Fx 30.6.2027."))
    second_follow_up_name = forms.CharField(
        label=_("Navn på anden opfølgningsperiode (valgfri)"), max_length=100, required=False
    )
    second_follow_up_start = _date_field(_("Anden opfølgning fra"), required=False)
    second_follow_up_end = _date_field(_("Anden opfølgning til"), required=False)
    measures = ModelMultipleChoiceField(
        label=_("Effektmål, der evalueres"),
        queryset=Measure.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        units = Unit.objects.filter(organisation__in=organisations).select_related("organisation")
        self.fields["pilot_units"].queryset = units
        self.fields["comparison_units"].queryset = units
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean(self):
        data = super().clean()
        second = [
            data.get("second_follow_up_name"),
            data.get("second_follow_up_start"),
            data.get("second_follow_up_end"),
        ]
        if any(second) and not all(second):
            self.add_error(
                "second_follow_up_name",
                _(
                    "Udfyld navn, fra og til for den anden opfølgningsperiode – "
                    "eller lad alle tre stå tomme."
                ),
            )
        return data

    def action_kwargs(self):
        data = self.cleaned_data
        periods = [(data["follow_up_name"], data["follow_up_start"], data["follow_up_end"])]
        if data.get("second_follow_up_name"):
            periods.append(
                (
                    data["second_follow_up_name"],
                    data["second_follow_up_start"],
                    data["second_follow_up_end"],
                )
            )
        keys = [
            "organisation",
            "name",
            "model_name",
            "pilot_units",
            "comparison_units",
            "baseline_start",
            "baseline_end",
            "pilot_starts_on",
            "measures",
        ]
        return {**{key: data[key] for key in keys}, "follow_up_periods": periods}


class StageForm(Form):
    name = forms.CharField(label=_("Navn på trinnet"), max_length=200)
    starts_on = _date_field(_("Trinnet starter"), _("Efter det forrige trin, fx 1.1.2027."))
    units = _units_field(_("Enheder, der kommer med"), _("Enheder, der ikke er med endnu."))

    def __init__(self, *args, rollout, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["units"].queryset = Unit.objects.filter(
            organisation=rollout.organisation_id
        ).select_related("organisation")


class MembershipForm(Form):
    citizen = forms.ModelChoiceField(
        label=_("Borger"),
        queryset=Citizen.objects.none(),
        error_messages={
            "required": _("Vælg den borger, der skal tilknyttes."),
            "invalid_choice": _("Vælg en borger fra listen."),
        },
    )
    unit = forms.ModelChoiceField(
        label=_("Enhed"),
        queryset=Unit.objects.none(),
        error_messages={
            "required": _("Vælg den enhed, borgeren betjenes af."),
            "invalid_choice": _("Vælg en enhed, der er med i udrulningen."),
        },
    )
    started_on = _date_field(_("Tilknyttet fra"), _("Fx 1.3.2026."))

    def __init__(self, *args, citizens, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citizen"].queryset = citizens
        self.fields["unit"].queryset = units


class EndMembershipForm(Form):
    ended_on = _date_field(_("Tilknyttet til og med"), _("Fx 31.12.2026."))
