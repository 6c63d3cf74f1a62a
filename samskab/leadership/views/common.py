"""Helpers shared by the leadership pages."""

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _


def add_errors(form, error: ValidationError):
    """Show an action's refusal in the form's error summary."""
    for message in error.messages:
        form.add_error(None, message)


def start_crumb():
    return (reverse("leadership:index"), _("Fælles ledelse"))


def forum_crumbs(forum, *more):
    return [start_crumb(), (forum.get_absolute_url(), forum.name), *more]


def meeting_crumbs(meeting, *more):
    return forum_crumbs(meeting.forum, (meeting.get_absolute_url(), str(meeting)), *more)
