"""The EAP zone's pages: for readers (the authority's staff, or anyone when the plan makes
the zone public), and the eap_admin's pages that write them."""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from anxin.core.locking import StaleEdit
from anxin.core.refusals import show_refusal
from anxin.core.templatetags.roc import roc_datetime
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
# Kinds read as an article of their own (questions are read on their list).
READ_ALONE = [ZoneArticle.Kind.PAGE, ZoneArticle.Kind.NEWS, ZoneArticle.Kind.HANDBOOK]


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
    article = zone.articles.filter(pk=article_pk, kind__in=READ_ALONE).first()
    if article is None:
        raise Http404
    return render(request, "resources/zone/article.html", {"zone": zone, "article": article})


def _image_response(article: ZoneArticle) -> HttpResponse:
    """The stored image with the type its content was checked to be (never the name's or
    the uploader's), and no sniffing by the browser."""
    if not article.image or not article.image_type:
        raise Http404
    try:
        stored = article.image.open("rb")
    except FileNotFoundError:
        # The storage lost it (a restore without the media folder): gone, not an error.
        raise Http404 from None
    response = FileResponse(stored, content_type=article.image_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@require_GET
@zone_view
def zone_image(request: HttpRequest, zone: Zone, article_pk: int) -> HttpResponse:
    """The image of an article readers see (a draft's or a scheduled one's: 404)."""
    article = zone.articles.filter(pk=article_pk).first()
    if article is None:
        raise Http404
    return _image_response(article)


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
    sections = zone.articles.filter(kind=ZoneArticle.Kind.HANDBOOK).order_by("position", "pk")
    return render(request, "resources/zone/materials.html", {"zone": zone, "sections": sections})


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


@require_GET
@zone_view
def zone_stickers(request: HttpRequest, zone: Zone) -> HttpResponse:
    data = materials.stickers_pdf(zone, zone_url=zone_url(request, zone))
    return _pdf(data, "eap-stickers.pdf")


@require_GET
@zone_view
def zone_handbook(request: HttpRequest, zone: Zone) -> HttpResponse:
    """The handbook: the published sections in their order, one PDF (none yet: 404)."""
    sections = list(zone.articles.filter(kind=ZoneArticle.Kind.HANDBOOK).order_by("position", "pk"))
    if not sections:
        raise Http404
    data = materials.handbook_pdf(zone, sections, zone_url=zone_url(request, zone))
    return _pdf(data, "eap-handbook.pdf")


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
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        initial={"kind": request.GET.get("kind", "page")},
    )
    if request.method == "POST" and form.is_valid():
        article = services.article_create(
            authority=scope_of(request).authority(),
            author=request.user,
            data=form.cleaned_data,
            image=form.cleaned_data["upload"],
        )
        messages.success(request, _("The draft is saved. It is not shown until you publish it."))
        return redirect("resources:zone_article_edit", article.pk)
    return render(request, "resources/zone/article_form.html", {"form": form, "article": None})


@require_http_methods(["GET", "POST"])
@role_required(*WRITERS)
def zone_article_edit(request: HttpRequest, article_pk: int) -> HttpResponse:
    article = get_article_for_writer(request, article_pk)
    form = ArticleForm(
        request.POST or None,
        request.FILES or None,
        instance=article,
        initial={"version": article.version},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.article_update(
                article=article,
                data=form.cleaned_data,
                expected_version=form.cleaned_data["version"] or 0,
                image=form.cleaned_data["upload"],
                remove_image=form.cleaned_data.get("remove_image", False),
            )
        except StaleEdit as stale:
            show_refusal(request, stale, form=form)
        else:
            messages.success(request, _("The article is saved."))
            return redirect("resources:zone_article_edit", article.pk)
    return _edit_page(request, article, form=form)


def _edit_page(request, article, *, form=None, publish_form=None, status=200) -> HttpResponse:
    # The stored article, not what the refused form put on it, says what is published.
    stored = ZoneArticle.objects.get(pk=article.pk)
    if form is None:
        form = ArticleForm(instance=stored, initial={"version": stored.version})
    if publish_form is None:
        publish_form = PublishForm(
            initial={"version": stored.version, "publish": not stored.is_published}
        )
    return render(
        request,
        "resources/zone/article_form.html",
        {"form": form, "article": stored, "publish_form": publish_form},
        status=status,
    )


@require_GET
@role_required(*WRITERS)
def zone_article_image(request: HttpRequest, article_pk: int) -> HttpResponse:
    """The image of an article, for its writer: drafts and scheduled ones included."""
    return _image_response(get_article_for_writer(request, article_pk))


@require_POST
@role_required(*WRITERS)
def zone_article_publish(request: HttpRequest, article_pk: int) -> HttpResponse:
    article = get_article_for_writer(request, article_pk)
    form = PublishForm(request.POST)
    if not form.is_valid():
        if "version" in form.errors:
            messages.error(request, _("Nothing was changed: reload the page and try again."))
            return redirect("resources:zone_article_edit", article.pk)
        # A time to publish that cannot be: the page again, with what was typed.
        return _edit_page(request, article, publish_form=form)
    try:
        services.article_publish(
            article=article,
            expected_version=form.cleaned_data["version"],
            publish=form.cleaned_data["publish"],
            publish_at=form.cleaned_data["publish_at"],
        )
    except StaleEdit as stale:
        show_refusal(request, stale)
    else:
        if article.is_scheduled:
            messages.success(
                request,
                _("The article is scheduled: readers see it from %(when)s on.")
                % {"when": roc_datetime(article.published_at)},
            )
        elif article.is_published:
            messages.success(request, _("The article is published in the EAP zone."))
        else:
            messages.success(request, _("The article is withdrawn: it is a draft again."))
    return redirect("resources:zone_article_edit", article.pk)
