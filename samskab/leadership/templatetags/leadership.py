"""Template helpers for the leadership pages."""

from django import template

register = template.Library()


@register.filter
def lookup_link(link_of, insight):
    """The evidence link's pk for this insight, if the page lets the reader unlink it."""
    if not link_of:
        return None
    return link_of.get((insight.source, insight.pk))
