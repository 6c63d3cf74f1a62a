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
"""

from django import forms
from django.core.exceptions import ValidationError
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


class VersionedFormMixin:
    """Adds the hidden `version` field to an edit form; read it as `form.seen_version`."""

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
