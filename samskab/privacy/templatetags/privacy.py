"""`{% consent_state citizen %}`: the citizen's consents and restriction, wherever staff see
the citizen's name."""

from django import template

register = template.Library()


@register.inclusion_tag("privacy/consent_state.html")
def consent_state(citizen):
    # Uses a prefetch of `consents` when the view made one; otherwise one query.
    consents = [consent for consent in citizen.consents.all() if consent.is_active]
    return {"citizen": citizen, "consents": consents}
