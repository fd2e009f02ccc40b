"""Survey pages: the builder and survey set-up for hr and eap_admin, the employee's list
and answering."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.locking import StaleEdit
from anxin.core.refusals import Refused, show_refusal
from anxin.people.models import Employee
from anxin.people.roles import role_required, scope_of
from anxin.plans.services import plan_for_authority
from anxin.surveys import analysis, definitions, followup, schedules, services
from anxin.surveys.forms import AnswerForm, QuestionForm, SurveyForm, TitleForm
from anxin.surveys.models import Preset, Questionnaire, QuestionnaireVersion, Survey
from anxin.surveys.policies import (
    BUILDERS,
    FOLLOW_UP,
    RESPONDENTS,
    response_for_follow_up,
    survey_for_builder,
    survey_for_follow_up,
    survey_for_respondent,
    version_for_builder,
)


def _to_editor(version: QuestionnaireVersion):
    return redirect(
        "surveys:version_edit",
        questionnaire_uuid=version.questionnaire.uuid,
        number=version.number,
    )


def _refuse_published(request: HttpRequest, version: QuestionnaireVersion):
    if not version.is_draft:
        messages.error(
            request,
            _("A published version cannot be changed. Make a new draft version to edit it."),
        )
        return _to_editor(version)
    return None


@require_GET
@role_required(*BUILDERS)
def manage(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request)
    versions = (
        QuestionnaireVersion.objects.filter(services.visible_q(scope, "questionnaire__"))
        .select_related("questionnaire")
        .order_by("questionnaire__created_at", "questionnaire_id", "-number")
    )
    surveys = list(
        Survey.objects.filter(services.visible_q(scope)).select_related("scope", "version")
    )
    counts = services.answered_counts(surveys)
    return render(
        request,
        "surveys/manage.html",
        {
            "versions": versions,
            "presets": Preset.objects.all(),
            "surveys": [{"survey": s, "answered": counts.get(s.pk, 0)} for s in surveys],
        },
    )


@require_POST
@role_required(*BUILDERS)
def questionnaire_new(request: HttpRequest) -> HttpResponse:
    title = request.POST.get("title", "").strip()[:200] or _("Untitled questionnaire")
    version = services.questionnaire_create(
        owner=scope_of(request), actor=request.user, definition=definitions.empty(title)
    )
    return _to_editor(version)


@require_POST
@role_required(*BUILDERS)
def preset_copy(request: HttpRequest, key: str) -> HttpResponse:
    preset = get_object_or_404(Preset, key=key)
    version = services.questionnaire_from_preset(
        preset=preset, owner=scope_of(request), actor=request.user
    )
    messages.info(
        request,
        _("A new draft was copied from the preset. Its wording is an example: review it."),
    )
    return _to_editor(version)


@require_http_methods(["GET", "POST"])
@role_required(*BUILDERS)
def version_edit(request: HttpRequest, questionnaire_uuid, number: int) -> HttpResponse:
    """The questionnaire as it stands; on a draft, its title and introduction form."""
    version = version_for_builder(request, questionnaire_uuid, number)
    data = version.definition
    form = TitleForm(
        request.POST or None,
        initial={"title": data["title"], "intro": data.get("intro", ""), "lock": version.version},
        example_wording=bool(data.get("example_wording")),
    )
    if request.method == "POST":
        if refused := _refuse_published(request, version):
            return refused
        if form.is_valid():
            changed = {
                **data,
                "title": form.cleaned_data["title"],
                "intro": form.cleaned_data["intro"],
            }
            if form.cleaned_data.get("wording_reviewed"):
                changed.pop("example_wording", None)
            try:
                services.draft_update(
                    version=version,
                    expected_version=form.cleaned_data["lock"],
                    definition=changed,
                )
            except StaleEdit as stale:
                show_refusal(request, stale, form=form)
            except Refused as refused:
                show_refusal(request, refused, form=form)
            except ValidationError as exc:  # the definition's faults
                form.add_error(None, exc)
            else:
                messages.success(request, _("Saved."))
                return _to_editor(version)
    others = QuestionnaireVersion.objects.filter(questionnaire=version.questionnaire).only(
        "number", "status", "questionnaire_id"
    )
    return render(
        request,
        "surveys/version.html",
        {
            "version": version,
            "definition": version.parsed,
            "form": form,
            "versions": others,
            "mode_choices": Survey.Mode.choices,
        },
    )


def _question_page(request, version, form, key=None) -> HttpResponse:
    return render(
        request,
        "surveys/question.html",
        {"version": version, "form": form, "key": key},
    )


def _others(data: dict, key: str | None) -> list[tuple[str, str]]:
    numbered = [q for s in data["sections"] for q in s["questions"]]
    return [
        (q["key"], f"{index}. {q['text'][:40]}")
        for index, q in enumerate(numbered, start=1)
        if q["key"] != key
    ]


@require_http_methods(["GET", "POST"])
@role_required(*BUILDERS)
def question_edit(
    request: HttpRequest, questionnaire_uuid, number: int, key: str | None = None
) -> HttpResponse:
    """Add a question to a draft (no `key`) or change one."""
    version = version_for_builder(request, questionnaire_uuid, number)
    if refused := _refuse_published(request, version):
        return refused
    data = version.definition
    section = None
    if key is not None:
        found = [
            (s["title"], q) for s in data["sections"] for q in s["questions"] if q["key"] == key
        ]
        if not found:
            raise Http404
        section, question = found[0]
        initial = QuestionForm.initial_from(section, question)
    else:
        last = data["sections"][-1]["title"] if data["sections"] else _("Section 1")
        initial = {"section": last, "type": "single"}
    initial["lock"] = version.version
    form = QuestionForm(request.POST or None, initial=initial, others=_others(data, key))
    if request.method == "POST" and form.is_valid():
        new_key = key or definitions.next_key(data)
        changed = definitions.with_question(
            data,
            section=form.cleaned_data["section"],
            question=form.as_question(new_key),
            replacing=key,
        )
        try:
            services.draft_update(
                version=version, expected_version=form.cleaned_data["lock"], definition=changed
            )
        except StaleEdit as stale:
            show_refusal(request, stale, form=form)
        except Refused as refused:
            show_refusal(request, refused, form=form)
        except ValidationError as exc:  # the definition's faults
            form.add_error(None, exc)
        else:
            messages.success(request, _("The question was saved."))
            return _to_editor(version)
    return _question_page(request, version, form, key)


def _posted_lock(request: HttpRequest) -> int:
    """The version the page was read at; a value that is no number matches no version,
    so the save is refused as stale instead of failing (tests/test_fuzz_forms.py)."""
    value = request.POST.get("lock", "") or "0"
    return int(value) if value.isascii() and value.isdigit() else -1


@require_POST
@role_required(*BUILDERS)
def question_delete(
    request: HttpRequest, questionnaire_uuid, number: int, key: str
) -> HttpResponse:
    version = version_for_builder(request, questionnaire_uuid, number)
    if refused := _refuse_published(request, version):
        return refused
    if version.parsed.question(key) is None:
        raise Http404
    try:
        services.draft_update(
            version=version,
            expected_version=_posted_lock(request),
            definition=definitions.without_question(version.definition, key=key),
        )
    except StaleEdit as stale:
        show_refusal(request, stale)
    except Refused as refused:
        show_refusal(request, refused)
    except ValidationError as exc:  # the definition's faults
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("The question was removed."))
    return _to_editor(version)


@require_POST
@role_required(*BUILDERS)
def version_publish(request: HttpRequest, questionnaire_uuid, number: int) -> HttpResponse:
    version = version_for_builder(request, questionnaire_uuid, number)
    try:
        services.version_publish(version=version, expected_version=_posted_lock(request))
    except StaleEdit as stale:
        show_refusal(request, stale)
    except Refused as refused:
        show_refusal(request, refused)
    except ValidationError as exc:  # the definition's faults
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Published. This version is now frozen."))
    return _to_editor(version)


@require_POST
@role_required(*BUILDERS)
def version_new(request: HttpRequest, questionnaire_uuid) -> HttpResponse:
    questionnaire = get_object_or_404(
        Questionnaire, services.visible_q(scope_of(request)), uuid=questionnaire_uuid
    )
    return _to_editor(services.version_new_draft(questionnaire=questionnaire))


@require_http_methods(["GET", "POST"])
@role_required(*BUILDERS)
def survey_new(request: HttpRequest, questionnaire_uuid, number: int) -> HttpResponse:
    version = version_for_builder(request, questionnaire_uuid, number)
    if version.is_draft:
        messages.error(request, _("Only a published questionnaire can be put to a survey."))
        return _to_editor(version)
    scope = scope_of(request)
    form = SurveyForm(
        request.POST or None,
        scope=scope,
        initial={"title": version.title, "scope": scope, "mode": Survey.Mode.ANONYMOUS},
    )
    plan = plan_for_authority(scope.root_id)
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(
                version=version, owner=scope, actor=request.user, **form.cleaned_data
            )
        except Refused as refused:
            show_refusal(request, refused, form=form)
        except ValidationError as exc:  # the schedule's check, which the form makes first
            form.add_error(None, exc)
        else:
            messages.success(request, _("The survey was set up."))
            return redirect("surveys:survey_detail", survey_uuid=survey.uuid)
    return render(
        request,
        "surveys/survey_new.html",
        {
            "version": version,
            "form": form,
            "hire_windows": plan.new_hire_survey_windows if plan else [],
        },
    )


@require_GET
@role_required(*BUILDERS)
def survey_detail(request: HttpRequest, survey_uuid) -> HttpResponse:
    survey = survey_for_builder(request, survey_uuid)
    labels = dict(Employee.StaffCategory.choices)
    return render(
        request,
        "surveys/survey_detail.html",
        {
            "survey": survey,
            "counts": services.survey_counts(survey),
            "categories": [labels.get(c, c) for c in survey.staff_categories],
            "completion": (
                followup.completion_by_agency(survey) if followup.shows_completion(survey) else None
            ),
            "invited": survey.invitations.count() if survey.is_person_relative else None,
        },
    )


@require_GET
@role_required(*RESPONDENTS)
def my_surveys(request: HttpRequest) -> HttpResponse:
    return render(
        request, "surveys/my_surveys.html", {"rows": services.surveys_for(request.employee)}
    )


@require_http_methods(["GET", "POST"])
@role_required(*RESPONDENTS)
def answer(request: HttpRequest, survey_uuid) -> HttpResponse:
    survey = survey_for_respondent(request, survey_uuid)
    employee = request.employee
    context = {"survey": survey, "definition": survey.version.parsed}
    state = services.answer_state(survey, employee)
    if state == "open":
        context["reporting"] = analysis.reporting(survey)
    if state != "open":
        window = schedules.answer_window(survey, employee) or (survey.opens_on, survey.closes_on)
        return render(
            request,
            "surveys/answer_unavailable.html",
            {**context, "state": state, "opens_on": window[0], "closes_on": window[1]},
        )
    draft = request.method == "POST" and request.POST.get("action") == "draft"
    if draft and not survey.allows_drafts:
        messages.error(
            request, _("An anonymous survey cannot be saved as a draft: answer it in one go.")
        )
        form = AnswerForm(request.POST, definition=context["definition"], draft=True)
        form.is_valid()  # shows what is wrong, keeps what was typed; stores nothing
        return render(request, "surveys/answer.html", {**context, "form": form})
    if request.method == "POST":
        form = AnswerForm(request.POST, definition=context["definition"], draft=draft)
        if form.is_valid():
            store = services.answer_save_draft if draft else services.answer_submit
            try:
                store(survey=survey, employee=employee, answers=form.cleaned_data["answers"])
            except Refused as refused:
                show_refusal(request, refused, form=form)
            else:
                if draft:
                    messages.success(
                        request,
                        _("Your answers were saved as a draft. They are not submitted yet."),
                    )
                    return redirect("surveys:answer", survey_uuid=survey.uuid)
                messages.success(request, _("Thank you: your answers were submitted."))
                return redirect("surveys:my_surveys")
    else:
        saved = services.draft_answers(survey, employee)
        form = AnswerForm(initial=saved or {}, definition=context["definition"])
        context["has_draft"] = saved is not None
    return render(request, "surveys/answer.html", {**context, "form": form})


# --- follow-up of identified surveys (docs/decisions/0013-survey-schedules.md) -----------


@require_GET
@role_required(*FOLLOW_UP)
def follow_ups(request: HttpRequest) -> HttpResponse:
    """The identified surveys put to the officer's agency (the new-hire questionnaire)."""
    return render(
        request,
        "surveys/follow_ups.html",
        {"surveys": followup.follow_up_surveys(scope_of(request))},
    )


@require_GET
@role_required(*FOLLOW_UP)
def follow_up(request: HttpRequest, survey_uuid) -> HttpResponse:
    """Who of the officer's agency was invited, who answered, with links to the answers;
    and the completion rate by agency (counts, through the k rule)."""
    survey = survey_for_follow_up(request, survey_uuid)
    scope = scope_of(request)
    return render(
        request,
        "surveys/follow_up.html",
        {
            "survey": survey,
            "rows": followup.follow_up_rows(survey, scope),
            "completion": followup.completion_by_agency(survey, within=scope),
        },
    )


def _shown_answer(question, answers: dict) -> str:
    value = answers.get(question.key)
    if value in (None, "", []):
        return ""
    return question.qtype.shown(value)


@require_GET
@role_required(*FOLLOW_UP)
def follow_up_answers(request: HttpRequest, survey_uuid, response_uuid) -> HttpResponse:
    survey = survey_for_follow_up(request, survey_uuid)
    response = response_for_follow_up(request, survey, response_uuid)
    items = [
        {"question": question, "answer": _shown_answer(question, response.answers)}
        for question in survey.version.parsed.questions
    ]
    return render(
        request,
        "surveys/follow_up_answers.html",
        {"survey": survey, "response": response, "items": items},
    )
