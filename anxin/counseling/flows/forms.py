"""Case-flow and break-glass forms: they only validate."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anxin.counseling.flows.models import FlowRun
from anxin.people.models import Employee
from anxin.plans.services import plan_for_employee

REASON_MIN = 20


class StartForm(forms.Form):
    flow = forms.ChoiceField(
        label=_("Flow"),
        choices=[
            (FlowRun.Kind.NON_VOLUNTARY, FlowRun.Kind.NON_VOLUNTARY.label),
            (FlowRun.Kind.CRISIS, FlowRun.Kind.CRISIS.label),
        ],
    )
    employee_number = forms.CharField(
        label=_("Employee number"),
        max_length=30,
        help_text=_("The employee's number in the staff roster."),
    )

    def __init__(self, *args, scope, **kwargs):
        super().__init__(*args, **kwargs)
        self.scope = scope

    def clean_employee_number(self) -> str:
        number = self.cleaned_data["employee_number"].strip()
        employee = (
            Employee.objects.filter(self.scope.subtree_q("unit__"), number=number, is_active=True)
            .select_related("unit")
            .first()
        )
        if employee is None:
            raise ValidationError(
                _("No employee of your unit has this number."), code="unknown_employee"
            )
        plan = plan_for_employee(employee)
        if plan is None:
            raise ValidationError(
                _("No plan is in force for this employee's authority."), code="no_plan"
            )
        self.cleaned_data["employee"], self.cleaned_data["plan"] = employee, plan
        return number


class StepForm(forms.Form):
    way = forms.ChoiceField(label=_("How does the flow go on?"))
    notes = forms.CharField(
        label=_("Notes (sealed)"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the flow's counsellor and the intake coordinator can read them."),
    )

    # The step the page showed: recording it when another step is open would record a
    # choice made for one step against the next (invariant 11).
    step = forms.UUIDField(widget=forms.HiddenInput)

    def __init__(self, *args, ways, with_notes: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["way"].choices = [(way.next, way.label) for way in ways]
        if not with_notes:
            del self.fields["notes"]


class EmergencyForm(forms.Form):
    code = forms.CharField(label=_("Case code"), max_length=20)
    reason = forms.CharField(
        label=_("Reason"),
        min_length=REASON_MIN,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Why the case must be opened now and why its counsellor cannot be reached. "
            "The counsellor and the auditors are told; write no clinical detail."
        ),
    )

    def __init__(self, *args, find_case, **kwargs):
        super().__init__(*args, **kwargs)
        self.find_case = find_case

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip().upper()
        case = self.find_case(code)
        if case is None:
            raise ValidationError(_("There is no case with this code."), code="unknown_case")
        self.cleaned_data["case"] = case
        return code
