"""The EAP zone's pages: for readers (the authority's staff, or anyone when the plan makes
the zone public), and the eap_admin's pages that write them."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.locking import StaleEdit
from anxin.core.refusals import show_refusal
from anxin.people.roles import role_required, scope_of
from anxin.resources.zone import materials, services
from anxin.resources.zone.forms import ArticleForm, PublishForm
from anxin.resources.zone.models import ZoneArticle
from anxin.resources.zone.policies import (
    WRITERS,
    SignInFirst,
    Zone,
    authority_of,
    get_article_for_writer,
    get_zone,
    sign_in_first,
    written_articles,
)

LATEST_NEWS = 5


def zone_view(view: Callable) -> Callable:
    """The view gets the zone of the authority in the path, for this visitor."""

    @wraps(view)
    def wrapper(request: HttpRequest, authority_id: int, *args, **kwargs):
        try:
            zone = get_zone(request, authority_id)
        except SignInFirst:
            return sign_in_first(request)
        return view(request, zone, *args, **kwargs)

    return wrapper


def zone_url(request: HttpRequest, zone: Zone) -> str:
    """The zone's address as printed: with the site's address if the operator set one."""
    path = reverse("resources:zone_home", args=[zone.authority.pk])
    base = getattr(settings, "ANXIN_BASE_URL", "")
    return base.rstrip("/") + path if base else request.build_absolute_uri(path)


@require_GET
@login_required
def zone_start(request: HttpRequest) -> HttpResponse:
    """The menu's entry: the zone of the authority the person works at."""
    authority = authority_of(request)
    if authority is None:
        raise Http404
    return redirect("resources:zone_home", authority)


@require_GET
@zone_view
def zone_home(request: HttpRequest, zone: Zone) -> HttpResponse:
    articles = zone.articles.filter(kind__in=[ZoneArticle.Kind.PAGE, ZoneArticle.Kind.NEWS])
    pages = [a for a in articles if a.kind == ZoneArticle.Kind.PAGE]
    news = sorted(
        (a for a in articles if a.kind == ZoneArticle.Kind.NEWS),
        key=lambda a: a.published_at,
        reverse=True,
    )
    plan = zone.plan
    return render(
        request,
        "resources/zone/home.html",
        {
            "zone": zone,
            "plan": plan,
            "channels": plan.channels if plan else [],
            "service_areas": plan.service_areas if plan else [],
            "crisis_lines": plan.crisis_lines if plan else [],
            "free_hours": plan.free_counselling_hours if plan else None,
            "pages": pages,
            "news": news[:LATEST_NEWS],
            "more_news": len(news) > LATEST_NEWS,
        },
    )


@require_GET
@zone_view
def zone_article(request: HttpRequest, zone: Zone, article_pk: int) -> HttpResponse:
    article = zone.articles.filter(
        pk=article_pk, kind__in=[ZoneArticle.Kind.PAGE, ZoneArticle.Kind.NEWS]
    ).first()
    if article is None:
        raise Http404
    return render(request, "resources/zone/article.html", {"zone": zone, "article": article})


@require_GET
@zone_view
def zone_news(request: HttpRequest, zone: Zone) -> HttpResponse:
    news = zone.articles.filter(kind=ZoneArticle.Kind.NEWS).order_by("-published_at", "-pk")
    return render(request, "resources/zone/news.html", {"zone": zone, "news": news})


@require_GET
@zone_view
def zone_questions(request: HttpRequest, zone: Zone) -> HttpResponse:
    questions = zone.articles.filter(kind=ZoneArticle.Kind.QUESTION)
    return render(request, "resources/zone/questions.html", {"zone": zone, "questions": questions})


@require_GET
@zone_view
def zone_materials(request: HttpRequest, zone: Zone) -> HttpResponse:
    return render(request, "resources/zone/materials.html", {"zone": zone})


def _pdf(data: bytes, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{name}"'
    return response


@require_GET
@zone_view
def zone_care_cards(request: HttpRequest, zone: Zone) -> HttpResponse:
    data = materials.care_cards_pdf(zone, zone_url=zone_url(request, zone))
    return _pdf(data, "eap-care-cards.pdf")


@require_GET
@zone_view
def zone_poster(request: HttpRequest, zone: Zone) -> HttpResponse:
    data = materials.poster_pdf(zone, zone_url=zone_url(request, zone))
    return _pdf(data, "eap-poster.pdf")


# --- writing the zone (eap_admin) -----------------------------------------------------


@require_GET
@role_required(*WRITERS)
def zone_manage(request: HttpRequest) -> HttpResponse:
    articles = written_articles(request).order_by("kind", "status", "position", "-updated_at")
    return render(
        request,
        "resources/zone/manage.html",
        {"articles": articles, "authority_id": scope_of(request).root_id},
    )


@require_http_methods(["GET", "POST"])
@role_required(*WRITERS)
def zone_article_new(request: HttpRequest) -> HttpResponse:
    form = ArticleForm(request.POST or None, initial={"kind": request.GET.get("kind", "page")})
    if request.method == "POST" and form.is_valid():
        article = services.article_create(
            authority=scope_of(request).authority(), author=request.user, data=form.cleaned_data
        )
        messages.success(request, _("The draft is saved. It is not shown until you publish it."))
        return redirect("resources:zone_article_edit", article.pk)
    return render(request, "resources/zone/article_form.html", {"form": form, "article": None})


@require_http_methods(["GET", "POST"])
@role_required(*WRITERS)
def zone_article_edit(request: HttpRequest, article_pk: int) -> HttpResponse:
    article = get_article_for_writer(request, article_pk)
    form = ArticleForm(request.POST or None, instance=article, initial={"version": article.version})
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(
                article=article,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"] or 0,
            )
        except StaleEdit as stale:
            show_refusal(request, stale, form=form)
        else:
            messages.success(request, _("The article is saved."))
            return redirect("resources:zone_article_edit", article.pk)
    return render(
        request,
        "resources/zone/article_form.html",
        {
            "form": form,
            "article": article,
            "publish_form": PublishForm(
                initial={"version": article.version, "publish": not article.is_published}
            ),
        },
    )


@require_POST
@role_required(*WRITERS)
def zone_article_publish(request: HttpRequest, article_pk: int) -> HttpResponse:
    article = get_article_for_writer(request, article_pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed: reload the page and try again."))
        return redirect("resources:zone_article_edit", article.pk)
    try:
        services.article_publish(
            article=article,
            expected_version=form.cleaned_data["version"],
            publish=form.cleaned_data["publish"],
        )
    except StaleEdit as stale:
        show_refusal(request, stale)
    else:
        if article.is_published:
            messages.success(request, _("The article is published in the EAP zone."))
        else:
            messages.success(request, _("The article is withdrawn: it is a draft again."))
    return redirect("resources:zone_article_edit", article.pk)
