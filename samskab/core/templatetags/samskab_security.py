"""Template values for the security features: the session length for the time-out warning."""

from django import template
from django.conf import settings

register = template.Library()


@register.simple_tag
def session_seconds():
    return settings.SESSION_COOKIE_AGE
