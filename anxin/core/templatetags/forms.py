"""{{ field|control }}: a form field's widget with Bootstrap's class and the ARIA links to
its help text and errors, so that every form reads the same to a screen reader."""

from django import forms, template

register = template.Library()


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    return "form-control"


@register.filter
def control(field: forms.BoundField):
    widget = field.field.widget
    css = _css_class(widget)
    attrs = {"class": f"{css} is-invalid" if field.errors else css}
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)
