"""Forms for compass rounds and answers and readiness assessments; the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.people.models import Organisation, Unit

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


class RoundForm(forms.ModelForm):
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


class CompassResponseForm(forms.Form):
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


class ReadinessForm(forms.ModelForm):
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
