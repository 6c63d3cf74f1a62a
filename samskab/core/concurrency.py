"""Optimistic concurrency: no silent overwrite when two people edit the same record.

An edit form carries the record's version as it was when the form was shown (a hidden
`version` field holding the row's `updated_at`, which every save renews). The action
compares it with the stored row inside its transaction, with the row locked
(`SELECT … FOR UPDATE` on PostgreSQL; SQLite's immediate transactions serialise writers),
and refuses with `EditConflictError` when someone else saved in between. Nothing is written.

    class ProjectForm(VersionedFormMixin, forms.ModelForm): ...

    @transaction.atomic
    def update_project(*, by, project, data, seen_version=None):
        check_version(project, seen_version)
        ...

After a conflict the view calls `form.show_current_version(instance)`: the form keeps the
user's input and lists the stored values beside it (`form.stored_values`, rendered by the
form template). The API takes the version as an optional `version` field or an `If-Match`
header (`seen_version_from`) and answers 409 on a conflict.
"""

import datetime
from collections.abc import Sequence

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

VERSION_FIELD = "version"


class EditConflictError(ValidationError):
    """Someone else saved the record after this user opened it."""

    def __init__(self):
        super().__init__(
            _(
                "Oplysningerne er blevet ændret af en anden, mens du redigerede. "
                "Dine ændringer er ikke gemt. Se de nye oplysninger, og gem dine ændringer "
                "igen, hvis de stadig skal med."
            ),
            code="edit_conflict",
        )


def version_of(instance) -> str:
    stamp = getattr(instance, "updated_at", None)
    return stamp.isoformat() if stamp else ""


def check_version(instance, seen_version: str | None) -> None:
    """Refuse the write if the stored row changed since `seen_version`; call it inside the
    action's transaction, before writing. No version (a new record, or a caller that edits
    without a form) means nothing to compare."""
    if not seen_version or instance.pk is None:
        return
    current = (
        type(instance)
        ._default_manager.select_for_update()
        .filter(pk=instance.pk)
        .values_list("updated_at", flat=True)
        .first()
    )
    if current is not None and current.isoformat() != seen_version:
        raise EditConflictError


#: The API's description of the optional `version` field of an edit.
VERSION_HELP = (
    "The record's `version` as you read it (or send it as an If-Match header); "
    "if someone else has saved since, nothing is written and the answer is 409."
)


def seen_version_from(request, version: str | None = None) -> str:
    """The version an API client edits from: the body's `version` field, else an `If-Match`
    header holding it (quoted like an ETag or not). Neither, or `*`, means no check."""
    if version:
        return version
    header = request.headers.get("If-Match", "").strip().removeprefix("W/").strip('"')
    return "" if header == "*" else header


def _display(field, value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(field, forms.ModelMultipleChoiceField):
        return ", ".join(str(field.label_from_instance(obj)) for obj in value.all())
    if isinstance(field, forms.ModelChoiceField):
        return str(field.label_from_instance(value))
    if isinstance(field, forms.BooleanField):
        return str(_("Ja") if value else _("Nej"))
    if isinstance(field, forms.MultipleChoiceField):
        labels = dict(field.choices)
        return ", ".join(str(labels.get(v, v)) for v in value)
    if isinstance(field, forms.ChoiceField):
        return str(dict(field.choices).get(value, value))
    if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return formats.date_format(value, "j. M Y")
    return str(formats.localize(value))


def stored_values(form, instance) -> list[tuple[str, str]]:
    """(label, value as shown) of the form's visible fields, read from the stored record."""
    return [
        (str(bound.label), _display(bound.field, getattr(instance, bound.name, None)))
        for bound in form.visible_fields()
    ]


class VersionedFormMixin:
    """Adds the hidden `version` field to an edit form; read it as `form.seen_version`.

    A plain `forms.Form` that edits a record sets `self.instance` before calling
    `super().__init__`."""

    #: Filled by `show_current_version` after a conflict; the form template lists them.
    stored_values: Sequence[tuple[str, str]] = ()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.CharField(widget=forms.HiddenInput, required=False)
        instance = getattr(self, "instance", None)
        if instance is not None and instance.pk:
            field.initial = version_of(instance)
        self.fields[VERSION_FIELD] = field
        self.seen_version = ""

    def clean(self):
        cleaned = super().clean()
        self.seen_version = cleaned.pop(VERSION_FIELD, "") or ""
        return cleaned

    def show_current_version(self, instance) -> None:
        """After a conflict: keep the user's input, but carry the stored version, so that
        saving again is a deliberate choice made after seeing the conflict message."""
        instance.refresh_from_db()
        self.data = self.data.copy()
        self.data[self.add_prefix(VERSION_FIELD)] = version_of(instance)
        self.stored_values = stored_values(self, instance)
