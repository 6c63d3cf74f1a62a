"""Form rendering in DKFDS markup for every form in Samskab."""

from allauth.account import forms as allauth_forms
from django.forms.renderers import TemplatesSetting


class DkfdsFormRenderer(TemplatesSetting):
    form_template_name = "forms/dkfds_form.html"
    field_template_name = "forms/dkfds_field.html"


class LoginForm(allauth_forms.LoginForm):
    """allauth's login form without the reset link inside the password hint.

    The link sat between the two fields and took a Tab stop before the password; the
    login page shows it after the button instead.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = ""
        self.fields["login"].widget.attrs["autocomplete"] = "username"
