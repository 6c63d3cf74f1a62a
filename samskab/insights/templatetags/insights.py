"""The header's notification link with the number of unread, still open notifications."""

from django import template

register = template.Library()


@register.inclusion_tag("insights/_bell.html", takes_context=True)
def notification_bell(context):
    # The count is read before rendering, with the rest of the header (core.context_processors).
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return {
        "count": context.get("unread_notification_count", 0),
        "show": bool(user and user.is_authenticated),
    }
