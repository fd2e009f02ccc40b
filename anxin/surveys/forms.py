"""Forms of the questionnaire builder, the survey set-up and answering. They only
validate; the services store."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from anxin.core.roc import RocDateField
from anxin.people.models import Employee, OrgUnit
from anxin.surveys import questions, triggers
from anxin.surveys.analysis import DIMENSIONS
from anxin.surveys.definitions import Definition
from anxin.surveys.models import Survey
from anxin.surveys.questions import ERRORS, plain_number
from anxin.surveys.schedules import check_schedule


class TitleForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    intro = forms.CharField(
        label=_("Introduction shown to respondents"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    wording_reviewed = forms.BooleanField(
        label=_("I have reviewed the example wording of every question"), required=False
    )
    lock = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, example_wording: bool, **kwargs):
        super().__init__(*args, **kwargs)
        if not example_wording:
            del self.fields["wording_reviewed"]


class QuestionForm(forms.Form):
    """One question of a draft. `earlier` lists the (key, label) of the other questions, for
    the show-if condition; the definition check refuses a condition on a later one."""

    section = forms.CharField(
        label=_("Section"),
        max_length=200,
        help_text=_("A new title starts a new section at the end."),
    )
    type = forms.ChoiceField(label=_("Question type"), choices=questions.builder_choices)
    text = forms.CharField(label=_("Question"), max_length=1000)
    help = forms.CharField(label=_("Explanation (optional)"), max_length=1000, required=False)
    required = forms.BooleanField(label=_("An answer is required"), required=False)
    options = forms.CharField(
        label=_("Options, one per line (choice questions)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    min = forms.DecimalField(label=_("Smallest number allowed"), required=False)
    max = forms.DecimalField(label=_("Largest number allowed"), required=False)
    satisfaction = forms.BooleanField(
        label=_("Counts as satisfaction on the service-results dashboard"),
        help_text=_("Likert and rating questions only."),
        required=False,
    )
    show_if_question = forms.ChoiceField(
        label=_("Show only if this earlier question…"), required=False
    )
    show_if_equals = forms.CharField(label=_("…was answered with"), max_length=200, required=False)
    lock = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, others: list[tuple[str, str]], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["show_if_question"].choices = [("", _("(always shown)")), *others]

    def clean(self):
        data = super().clean()
        qtype = questions.REGISTRY.get(data.get("type"))
        options = [line.strip() for line in data.get("options", "").splitlines() if line.strip()]
        if qtype is not None and qtype.takes_options and len(options) < 2:
            self.add_error(
                "options",
                ValidationError(_("A choice question needs at least two options."), code="options"),
            )
        if data.get("show_if_question") and not data.get("show_if_equals"):
            self.add_error(
                "show_if_equals",
                ValidationError(
                    _("Say which answer shows this question."), code="condition_answer"
                ),
            )
        data["option_list"] = options
        return data

    def as_question(self, key: str) -> dict:
        data = self.cleaned_data
        question = {"key": key, "type": data["type"], "text": data["text"]}
        if data["help"]:
            question["help"] = data["help"]
        if data["required"]:
            question["required"] = True
        qtype = questions.type_of(data["type"])
        if qtype.takes_options:
            question["options"] = data["option_list"]
        if qtype.takes_range:
            for bound in ("min", "max"):
                if data[bound] is not None:
                    question[bound] = plain_number(data[bound])
        if data.get("satisfaction"):
            question["satisfaction"] = True
        if data["show_if_question"]:
            equals = data["show_if_equals"].strip()
            question["show_if"] = {
                "question": data["show_if_question"],
                "equals": int(equals) if equals.isdigit() else equals,
            }
        return question

    @staticmethod
    def initial_from(section: str, question: dict) -> dict:
        condition = question.get("show_if") or {}
        return {
            "section": section,
            "type": question["type"],
            "text": question["text"],
            "help": question.get("help", ""),
            "required": question.get("required", False),
            "options": "\n".join(question.get("options", [])),
            "min": question.get("min"),
            "max": question.get("max"),
            "satisfaction": question.get("satisfaction", False),
            "show_if_question": condition.get("question", ""),
            "show_if_equals": condition.get("equals", ""),
        }


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Survey title"), max_length=200)
    scope = forms.ModelChoiceField(label=_("Audience: organisation unit"), queryset=None)
    staff_categories = forms.MultipleChoiceField(
        label=_("Audience: staff categories"),
        choices=Employee.StaffCategory.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every staff category."),
    )
    opens_on = RocDateField(label=_("Opens on"))
    closes_on = RocDateField(label=_("Closes on"))
    mode = forms.ChoiceField(
        label=_("Anonymity"), choices=Survey.Mode.choices, widget=forms.RadioSelect
    )
    # The person-relative schedule (docs/decisions/0013-survey-schedules.md).
    schedule = forms.ChoiceField(
        label=_("Who is invited, and when"),
        choices=Survey.Schedule.choices,
        required=False,
        help_text=_(
            "A person-relative survey gives each person an answering window of his or her "
            "own, within the survey's dates."
        ),
    )
    window_start = forms.IntegerField(
        label=_("Answering opens after"), min_value=0, max_value=3650, initial=0, required=False
    )
    window_end = forms.IntegerField(
        label=_("Answering closes after"), min_value=0, max_value=3650, initial=0, required=False
    )
    window_unit = forms.ChoiceField(
        label=_("Counted in"),
        choices=Survey.WindowUnit.choices,
        initial=Survey.WindowUnit.DAYS,
        required=False,
    )
    event = forms.ModelChoiceField(
        label=_("Event (feedback after an event)"),
        queryset=None,
        required=False,
        help_text=_(
            "Leave empty to make this the feedback survey of every event organised within "
            "your unit that has none of its own."
        ),
    )
    remind_days_before = forms.IntegerField(
        label=_("Remind those who have not answered, days before closing"),
        min_value=0,
        max_value=60,
        initial=3,
        required=False,
        help_text=_("Once; 0 sends no reminder."),
    )
    breakdowns = forms.MultipleChoiceField(
        label=_("Report the answers by"),
        choices=list(DIMENSIONS.items()),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Respondents are told on the first page. Only these attributes are kept with "
            "each answer, coarsened (age in bands, the agency rather than the section); "
            "they cannot be added later. No group smaller than the plan's k is shown."
        ),
    )

    def __init__(self, *args, scope: OrgUnit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].queryset = OrgUnit.objects.filter(
            scope.subtree_q(), is_active=True
        ).order_by("path")
        # The events app registers what a feedback survey may be about (its trigger).
        self.fields["event"].queryset = triggers.subject_choices(
            Survey.Schedule.EVENT_ENDED, within=scope
        )

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and closes < opens:
            self.add_error(
                "closes_on",
                ValidationError(
                    _("The survey cannot close before it opens."), code="dates_out_of_order"
                ),
            )
        self._clean_schedule(data)
        return data

    def _clean_schedule(self, data: dict) -> None:
        # Left empty (a survey for the whole audience): the defaults.
        data["schedule"] = data.get("schedule") or ""
        data["window_unit"] = data.get("window_unit") or Survey.WindowUnit.DAYS
        for name, default in (("window_start", 0), ("window_end", 0), ("remind_days_before", 3)):
            if data.get(name) is None and name not in self.errors:
                data[name] = default
        start, end = data.get("window_start"), data.get("window_end")
        if start is None or end is None or not data.get("mode"):
            return
        try:
            check_schedule(
                schedule=data["schedule"],
                mode=data["mode"],
                window_start=start,
                window_end=end,
                event=data.get("event"),
            )
        except ValidationError as exc:
            field = {
                "case_identified": "mode",
                "window_out_of_order": "window_end",
                "event_schedule": "event",
            }[exc.code]
            self.add_error(field, exc)


class AnswerForm(forms.Form):
    """The one form that renders any questionnaire version and validates the answers per
    question type. A question hidden by its show-if condition is neither required nor
    kept. With `draft=True` missing answers are allowed (nothing is submitted)."""

    def __init__(self, *args, definition: Definition, draft: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.definition = definition
        self.draft = draft
        for question in definition.questions:
            self.fields[question.key] = question.qtype.form_field(
                question, label=question.text, required=False, help_text=question.help
            )

    def clean(self):
        data = super().clean()
        answers: dict = {}
        for question in self.definition.questions:
            if question.key in self.errors:
                continue
            value = data.get(question.key)
            if not question.is_shown(answers):
                continue
            if value in (None, "", []):
                if question.required and not self.draft:
                    self.add_error(
                        question.key, ValidationError(ERRORS["required"], code="required")
                    )
                continue
            answers[question.key] = question.qtype.stored(value)
        data["answers"] = answers
        return data

    def sections(self) -> list[dict]:
        """What the template walks: sections, their questions with bound fields and the
        wording of their conditions."""
        numbers = {q.key: q.number for q in self.definition.questions}
        return [
            {
                "title": section.title,
                "questions": [
                    {
                        "question": question,
                        "field": self[question.key],
                        "condition": (
                            {
                                "number": numbers.get(question.show_if["question"]),
                                "equals": question.show_if["equals"],
                            }
                            if question.show_if
                            else None
                        ),
                    }
                    for question in section.questions
                ],
            }
            for section in self.definition.sections
        ]
