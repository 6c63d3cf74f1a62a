"""Who may use the insight pages. What each reader finds is decided per insight by the
sources' own `visible_to` (see search.py); these rules only gate the pages."""

import rules
from django.http import Http404

from samskab.people.permissions import is_platform_admin, is_staff_member

from .models import SavedTheme


@rules.predicate
def uses_insights(user):
    return bool(is_staff_member(user) or is_platform_admin(user))


can_use_insights = uses_insights

rules.add_perm("insights.view_insights", can_use_insights)


def get_theme_for(user, pk) -> SavedTheme:
    """A saved theme of the user's organisations (or their own); the same 404 otherwise."""
    theme = SavedTheme.objects.visible_to(user).filter(pk=pk).first()
    if theme is None or not can_use_insights(user):
        raise Http404
    return theme
