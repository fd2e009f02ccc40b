"""{{ field|control }}: a form field's widget with Bootstrap's class and the ARIA links to
its help text and errors, so that every form reads the same to a screen reader."""

from django import forms, template
from django.forms.boundfield import BoundWidget

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


@register.filter
def is_choice_group(field: forms.BoundField) -> bool:
    """Radio buttons or checkboxes: a group with a legend, not one control with a label."""
    return isinstance(field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple)


@register.filter
def choice_options(field: forms.BoundField) -> list[BoundWidget]:
    """The radio buttons or checkboxes of a choice group, each with Bootstrap's class and
    the ARIA links of `control` (on the inputs: a wrapper with `form-check-input` is drawn
    one character wide, and the options then overlap the fields below)."""
    described = []
    css = "form-check-input"
    attrs = {}
    if field.help_text:
        described.append(f"{field.auto_id}_helptext")
    if field.errors:
        described.append(f"{field.auto_id}_error")
        css += " is-invalid"
        attrs["aria-invalid"] = "true"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    widget = field.field.widget
    attrs = {**widget.attrs, **attrs, "class": css}
    if field.auto_id:
        attrs["id"] = widget.attrs.get("id") or field.auto_id
    attrs = field.build_widget_attrs(attrs, widget)
    return [
        BoundWidget(widget, option, field.form.renderer)
        for option in widget.subwidgets(field.html_name, field.value(), attrs=attrs)
    ]
