"""Forms for citizens and consent; they parse input, the actions decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from samskab.core.concurrency import VersionedFormMixin
from samskab.core.forms import Form, ModelForm

from .imports import ImportFileError, ImportKind, check_upload
from .models import Citizen, ConsentPurpose, Organisation


class CitizenForm(VersionedFormMixin, ModelForm):
    class Meta:
        model = Citizen
        fields = ["display_name", "birth_year", "email", "phone"]
        help_texts = {
            "display_name": _("Brug fornavn eller initialer. Skriv aldrig CPR-nummer."),
            "birth_year": _("Valgfrit. Fx 1998."),
        }


class CitizenRegistrationForm(CitizenForm):
    organisation = forms.ModelChoiceField(
        queryset=Organisation.objects.none(), label=_("Ansvarlig organisation")
    )
    consents = forms.MultipleChoiceField(
        choices=ConsentPurpose.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label=_("Borgeren har givet samtykke til"),
        help_text=_("Samtykke til registrering er nødvendigt for at oprette borgeren."),
    )

    class Meta(CitizenForm.Meta):
        fields = ["organisation", *CitizenForm.Meta.fields]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()


class ConsentForm(Form):
    purpose = forms.ChoiceField(choices=ConsentPurpose.choices, label=_("Formål"))


class ImportForm(Form):
    """What to import and the file; the importer checks the rows."""

    kind = forms.ChoiceField(
        label=_("Hvad vil du importere?"),
        choices=ImportKind.choices,
        widget=forms.RadioSelect,
    )
    file = forms.FileField(
        label=_("Fil"),
        help_text=_("CSV (semikolon eller komma, UTF-8) eller Excel (XLSX), højst 2 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        try:
            check_upload(upload.name, upload.size)
        except ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        return upload
