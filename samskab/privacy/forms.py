"""Forms for the access-log search, requests, erasure decisions and research studies."""

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from samskab.core.forms import Form, ModelForm
from samskab.core.models import AccessAction
from samskab.people.models import Citizen, Organisation, OrganisationKind

from .actions import LEGAL_OBLIGATION_REASON
from .models import RequestKind, RequestOutcome, ResearchStudy


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class AccessLogFilterForm(Form):
    citizen = forms.CharField(
        label=_("Borger"), required=False, help_text=_("Navn eller borger-id.")
    )
    user = forms.CharField(label=_("Bruger"), required=False, help_text=_("Brugernavn."))
    date_from = forms.DateField(label=_("Fra dato"), required=False, widget=DateInput())
    date_to = forms.DateField(label=_("Til dato"), required=False, widget=DateInput())
    action = forms.ChoiceField(
        label=_("Handling"),
        required=False,
        choices=[("", _("Alle handlinger")), *AccessAction.choices],
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            raise forms.ValidationError(_("Fra-datoen skal ligge før til-datoen."))
        return data


class RequestForm(Form):
    citizen = forms.ModelChoiceField(queryset=Citizen.objects.none(), label=_("Borger"))
    kind = forms.ChoiceField(choices=RequestKind.choices, label=_("Anmodning om"))
    received_on = forms.DateField(label=_("Modtaget"), widget=DateInput())
    description = forms.CharField(
        label=_("Hvad beder borgeren om?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, citizens, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["citizen"].queryset = citizens


class AnswerForm(Form):
    outcome = forms.ChoiceField(
        choices=RequestOutcome.choices, label=_("Afgørelse"), widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Svar og begrundelse"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class RefuseErasureForm(Form):
    reason = forms.CharField(
        label=_("Begrundelse for afslaget"), widget=forms.Textarea(attrs={"rows": 4})
    )
    restrict = forms.BooleanField(
        label=_("Begræns behandlingen i stedet (art. 18)"), required=False, initial=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].initial = gettext(LEGAL_OBLIGATION_REASON)


class StudyForm(ModelForm):
    class Meta:
        model = ResearchStudy
        fields = [
            "title",
            "purpose",
            "organisation",
            "include_free_text",
            "has_record_level_approval",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(
            kind__in=[OrganisationKind.MUNICIPALITY, OrganisationKind.REGION]
        )
