"""Zone: home declarations. The employee's home page shows the latest news of the zone of
the authority he or she works at (one query, whatever the number of news items)."""

from anxin.core.home import home_card
from anxin.people.roles import Role
from anxin.resources.zone.models import ZoneArticle
from anxin.resources.zone.policies import authority_of

HOME_NEWS = 3


@home_card("zone_news", roles=[Role.EMPLOYEE], template="resources/zone/home/_news.html", weight=70)
def zone_news(request, role) -> dict:
    """The latest news readers see (a scheduled item only once its time has come)."""
    authority = authority_of(request)
    if authority is None:
        return {"zone_news": [], "zone_authority": None}
    news = list(
        ZoneArticle.objects.visible()
        .filter(authority_id=authority, kind=ZoneArticle.Kind.NEWS)
        .order_by("-published_at", "-pk")
        .only("pk", "title", "title_en", "published_at")[:HOME_NEWS]
    )
    return {"zone_news": news, "zone_authority": authority}
