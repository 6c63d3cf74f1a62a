"""Forms for search, balance, themes and the notification settings."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.forms import Form, ModelForm
from samskab.core.models import Perspective

from .balance import PERIODS
from .models import PRACTICE_CHOICES, NotificationPreference, SavedTheme


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def _with_blank(choices, blank):
    return [("", blank), *choices]


class PeriodMixin(Form):
    start = forms.DateField(label=_("Fra"), required=False, widget=DateInput())
    end = forms.DateField(label=_("Til"), required=False, widget=DateInput())

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(_("Fra-datoen skal ligge før til-datoen. Ret datoerne."))
        return data


class SearchForm(PeriodMixin):
    q = forms.CharField(
        label=_("Søg i indsigter"),
        required=False,
        max_length=200,
        help_text=_("Søgningen finder også bøjninger: »møde« finder »møderne«."),
    )
    perspective = forms.ChoiceField(
        label=_("Perspektiv"),
        required=False,
        choices=_with_blank(Perspective.choices, _("Alle perspektiver")),
    )
    practice = forms.ChoiceField(
        label=_("Praksis"),
        required=False,
        choices=_with_blank(PRACTICE_CHOICES, _("Alle praksisser")),
    )
    organisation = forms.TypedChoiceField(
        label=_("Organisation"), required=False, coerce=int, empty_value=None
    )
    theme = forms.ModelChoiceField(
        label=_("Gemt tema"),
        required=False,
        queryset=SavedTheme.objects.none(),
        empty_label=_("Alle temaer"),
    )
    field_order = ["q", "perspective", "practice", "organisation", "theme", "start", "end"]

    def __init__(self, *args, organisations=(), themes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = _with_blank(
            [(o.pk, o.name) for o in organisations], _("Alle organisationer")
        )
        if themes is not None:
            self.fields["theme"].queryset = themes


class BalanceForm(PeriodMixin):
    scope = forms.ChoiceField(label=_("Hvad vil du se balancen for?"), required=False)
    period = forms.ChoiceField(
        label=_("Periode"),
        required=False,
        choices=[("month", _("Pr. måned")), ("quarter", _("Pr. kvartal"))],
    )

    def __init__(self, *args, scopes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [("", _("Alt, du kan se")), *scopes]

    def clean_period(self):
        period = self.cleaned_data.get("period")
        return period if period in PERIODS else "month"


class ThemeMiningForm(PeriodMixin):
    scope = forms.ChoiceField(label=_("Hvilke indsigter?"), required=False)
    practice = forms.ChoiceField(
        label=_("Praksis"),
        required=False,
        choices=_with_blank(PRACTICE_CHOICES, _("Alle praksisser")),
    )
    n_themes = forms.IntegerField(
        label=_("Antal temaer"),
        required=False,
        min_value=1,
        max_value=10,
        help_text=_("Tom: Samskab vælger det antal, der skiller teksterne bedst."),
    )

    def __init__(self, *args, scopes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = [("", _("Alt, du kan se")), *scopes]


class SaveThemeForm(ModelForm):
    keywords = forms.CharField(
        label=_("Nøgleord"),
        max_length=500,
        help_text=_("Adskil med komma. Temaet følges over tid ud fra disse ord."),
    )

    class Meta:
        model = SavedTheme
        fields = ["name", "keywords", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}

    def clean_keywords(self):
        words = [w.strip() for w in self.cleaned_data["keywords"].split(",") if w.strip()]
        if not words:
            raise forms.ValidationError(_("Skriv mindst ét nøgleord."))
        return words[:12]


class NotificationPreferenceForm(ModelForm):
    class Meta:
        model = NotificationPreference
        fields = ["email_frequency"]
        widgets = {"email_frequency": forms.RadioSelect}
        help_texts = {
            "email_frequency": _(
                "Påmindelserne vises altid under Notifikationer. Her vælger du, om de også skal "
                "sendes til din e-mail."
            )
        }
