"""The header's notification link with the number of unread, still open notifications."""

from django import template

register = template.Library()


@register.inclusion_tag("insights/_bell.html", takes_context=True)
def notification_bell(context):
    from samskab.insights.reminders import unread_count

    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    count = context.get("unread_notification_count")
    if count is None:
        count = unread_count(user) if user is not None else 0
    return {"count": count, "show": bool(user and user.is_authenticated)}
