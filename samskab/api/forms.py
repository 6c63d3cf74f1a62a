from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from samskab.core.forms import ModelForm

from .models import ApiToken, default_expiry, latest_expiry


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class TokenForm(ModelForm):
    """The range of the expiry date is checked by `actions.create_token`."""

    class Meta:
        model = ApiToken
        fields = ["name", "expires_on"]
        widgets = {"expires_on": DateInput()}
        error_messages = {
            "name": {"required": _("Giv nøglen et navn, så du kan kende den igen.")},
            "expires_on": {
                "required": _("Vælg en udløbsdato."),
                "invalid": _("Skriv datoen som dag.måned.år, fx 23.11.2026."),
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["expires_on"]
        field.initial = default_expiry
        field.help_text = _(
            "Nøglen virker til og med denne dato, højst ét år frem (til og med %(date)s)."
        ) % {"date": formats.date_format(latest_expiry())}
