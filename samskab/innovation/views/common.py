"""Helpers shared by the innovation pages."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _


def add_errors(form, error: ValidationError):
    """Show an action's refusal in the form's error summary."""
    for message in error.messages:
        form.add_error(None, message)


def start_crumb():
    return (reverse("innovation:portfolio"), _("Velfærdsinnovation"))


def project_crumbs(project, *more):
    return [start_crumb(), (project.get_absolute_url(), project.title), *more]
