"""Form rendering in DKFDS markup for every form in Samskab."""

from allauth.account import forms as allauth_forms
from django import forms
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


class ModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Django's field, but an id too large for the database is "not a valid choice", not a 500.

    Django catches ValueError and TypeError for bad ids; SQLite raises OverflowError.
    """

    def _check_values(self, value):
        try:
            return super()._check_values(value)
        except OverflowError:
            raise forms.ValidationError(
                self.error_messages["invalid_pk_value"],
                code="invalid_pk_value",
                params={"pk": max(value, key=lambda v: len(str(v)))},
            ) from None


def evaluate_choices(*forms_):
    """Read the choices of each form's model-choice fields now, in the view.

    A ModelChoiceField queries its queryset while the widget renders; templates run no
    queries of their own (samskab/national/tests/test_bounded_queries.py).
    """
    for form in forms_:
        for field in form.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.widget.choices = list(field.choices)
    return forms_
