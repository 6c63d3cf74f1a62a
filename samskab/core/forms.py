"""The base of every form in Samskab (length limits, CPR screening) and its DKFDS rendering."""

from collections.abc import Callable
from contextlib import contextmanager
from contextvars import ContextVar

from allauth.account import forms as allauth_forms
from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.renderers import TemplatesSetting
from django.forms.widgets import Select
from django.utils import formats
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .text import FREE_TEXT_MAX_LENGTH, LINE_MAX_LENGTH, has_cpr_number, mask_cpr_numbers

#: Where the current request's forms send a warning (core.middleware.FormNoticeMiddleware
#: makes it a message); outside a request nobody listens.
_notify: ContextVar[Callable[[str], None] | None] = ContextVar("form_notices", default=None)


@contextmanager
def form_notices(notify: Callable[[str], None]):
    token = _notify.set(notify)
    try:
        yield
    finally:
        _notify.reset(token)


# Text with a format of its own: not free text, and its field knows its length.
STRUCTURED_TEXT = (
    forms.EmailField,
    forms.URLField,
    forms.SlugField,
    forms.RegexField,
    forms.UUIDField,
    forms.GenericIPAddressField,
    forms.JSONField,
)


def is_free_text(field: forms.Field) -> bool:
    """Multi-line text, or a field that says it holds free text (a list of themes). Names,
    phone numbers and titles are lines; the citizen's own refuse CPR numbers outright."""
    return (
        isinstance(field, forms.CharField)
        and not isinstance(field, STRUCTURED_TEXT)
        and (isinstance(field.widget, forms.Textarea) or getattr(field, "is_free_text", False))
    )


class TextLengthValidator(MaxLengthValidator):
    """Django's limit, with the numbers written the Danish way and what to do about it."""

    message = gettext_lazy(
        "Teksten er for lang. Der er plads til %(limit)s tegn, og den har %(length)s. "
        "Gør den kortere, eller del den op."
    )

    def __call__(self, value):
        if len(value) > self.limit_value:
            raise ValidationError(
                self.message,
                code="max_length",
                params={
                    "limit": formats.number_format(self.limit_value, force_grouping=True),
                    "length": formats.number_format(len(value), force_grouping=True),
                },
            )


def limit_length(field: forms.Field) -> None:
    """The API's limit for a text field that declares none (core.text)."""
    if not isinstance(field, forms.CharField) or field.max_length is not None:
        return
    # No maxlength attribute: a browser would cut a long paste silently; the error says so.
    field.max_length = (
        FREE_TEXT_MAX_LENGTH if isinstance(field.widget, forms.Textarea) else LINE_MAX_LENGTH
    )
    field.validators.append(TextLengthValidator(field.max_length))


class FreeTextMixin:
    """Every text field gets a length limit, and a CPR-like number typed into free text is
    replaced by "ddmmåå-xxxx" before anything reads it, with a warning to the user.

    Both happen when the form is cleaned, so fields added in a subclass's `__init__` count
    too. The masked value replaces the input, so a form shown again shows it masked.
    `masked_fields` names the fields in which a number was masked.
    """

    masked_fields: tuple[str, ...] = ()

    def full_clean(self):
        for field in self.fields.values():
            limit_length(field)
        if self.is_bound:
            self._mask_cpr_numbers()
        super().full_clean()

    def _mask_cpr_numbers(self):
        data, masked = None, []
        for name, field in self.fields.items():
            if field.disabled or not is_free_text(field):
                continue
            key = self.add_prefix(name)
            value = self.data.get(key)
            if not isinstance(value, str) or not has_cpr_number(value):
                continue
            if data is None:
                data = self.data.copy()
            data[key] = mask_cpr_numbers(value)
            masked.append(name)
        if data is None:
            return
        self.data, self.masked_fields = data, tuple(masked)
        notify = _notify.get()
        for name in masked if notify else ():
            notify(
                _(
                    "Et tal i feltet «%(field)s» ligner et CPR-nummer. Samskab gemmer aldrig "
                    "CPR-numre, så det er skiftet ud med ddmmåå-xxxx."
                )
                % {"field": self[name].label}
            )


class Form(FreeTextMixin, forms.Form):
    """The base of every plain form in Samskab."""


class ModelForm(FreeTextMixin, forms.ModelForm):
    """The base of every model form in Samskab."""


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


class LoginForm(FreeTextMixin, allauth_forms.LoginForm):
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
