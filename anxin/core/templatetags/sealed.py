"""{{ clinical.risk_level|sealed_choice:risk_choices }}: the label of a sealed choice, or,
when the value did not open, its `Unavailable` note (anxin.core.audit). A sealed text needs
no filter: an `Unavailable` renders its note wherever the text would have been."""

from django import template

from anxin.core.audit import is_unavailable

register = template.Library()


@register.filter
def sealed_choice(value, choices):
    if is_unavailable(value):
        return value
    return dict(choices).get(value, "")
