"""Form rendering in DKFDS markup for every form in Samskab."""

from allauth.account import forms as allauth_forms
from django import forms
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Select
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


class DkfdsFormRenderer(TemplatesSetting):
    form_template_name = "forms/dkfds_form.html"
    field_template_name = "forms/dkfds_field.html"

    def render(self, template_name, context, request=None):
        # A select is written in Python: the template renders one include per option, and
        # a list of the nation's organisations took a third of a project page's time.
        if template_name == Select.template_name:
            return select_html(context["widget"])
        return super().render(template_name, context, request)


def _attrs(attrs: dict) -> str:
    """As django/forms/widgets/attrs.html: in order, `name` for True, none for False."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def select_html(widget: dict) -> str:
    """The HTML of Django's select template for the widget's context, written directly."""
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((option["value"], _attrs(option["attrs"]), option["label"]) for option in options),
        )
        groups.append(
            format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered)
            if group_name
            else rendered
        )
    return format_html(
        '<select name="{}"{}>{}</select>',
        widget["name"],
        _attrs(widget["attrs"]),
        mark_safe("".join(groups)),  # noqa: S308 - built from escaped parts above
    )


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
