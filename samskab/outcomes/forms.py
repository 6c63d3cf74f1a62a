"""Forms for measures, measurements and WHO-5; they parse input, the actions decide."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from samskab.core.forms import Form, ModelForm

from . import who5
from .models import Measure


class MeasurementForm(Form):
    measure = forms.ModelChoiceField(
        queryset=Measure.objects.exclude(code=who5.CODE),
        label=_("Effektmål"),
        error_messages={"required": _("Vælg et effektmål.")},
    )
    value = forms.DecimalField(
        label=_("Værdi"),
        max_digits=12,
        decimal_places=2,
        localize=True,
        error_messages={
            "required": _("Skriv en værdi."),
            "invalid": _("Skriv værdien som et tal, fx 12,5."),
        },
    )
    measured_on = forms.DateField(
        label=_("Målt den"),
        initial=timezone.localdate,
        help_text=_("Fx 23.11.2026."),
        localize=True,
        error_messages={"invalid": _("Skriv datoen som dag.måned.år, fx 23.11.2026.")},
    )

    def clean_measured_on(self):
        measured_on = self.cleaned_data["measured_on"]
        if measured_on > timezone.localdate():
            raise forms.ValidationError(_("Målingen kan ikke ligge i fremtiden."))
        return measured_on


class Who5Form(Form):
    """The five WHO-5 items, each answered on the 0–5 scale."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for number, item in enumerate(who5.ITEMS, start=1):
            self.fields[f"item_{number}"] = forms.TypedChoiceField(
                label=item,
                choices=who5.ANSWERS,
                coerce=int,
                widget=forms.RadioSelect,
                error_messages={"required": _("Vælg det svar, der passer bedst.")},
            )

    def answers(self) -> list[int]:
        return [self.cleaned_data[f"item_{n}"] for n in range(1, len(who5.ITEMS) + 1)]


class MeasureForm(ModelForm):
    class Meta:
        model = Measure
        fields = ["name", "code", "description", "domain", "kind", "min_value", "max_value", "unit"]
        help_texts = {
            "code": _("Kort navn uden mellemrum, fx 'faldepisoder'."),
            "unit": _("Fx timer, kr. eller point."),
        }
        localized_fields = ["min_value", "max_value"]
