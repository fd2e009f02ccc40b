"""The care-resource map (seed 003 【長照】1): the directory's entries with coordinates, on
a map drawn with Leaflet from the tile source the EAP administrator sets (agencies run
closed networks, so none is assumed), and always as a list by district with the distance
from a chosen place (decision 0050)."""

import math
from itertools import groupby
from urllib.parse import urlsplit

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from anxin.people.models import OrgUnit
from anxin.people.roles import Role, role_required
from anxin.resources.directory import policies, services
from anxin.resources.directory.forms import CareImportForm, MapSettingsForm, PlaceForm
from anxin.resources.directory.models import DirectoryMap
from anxin.resources.directory.taxonomy import taxonomy_for
from anxin.resources.directory.views import import_page

EARTH_RADIUS_KM = 6371.0


def distance_km(a, b) -> float:
    """Great-circle distance (haversine) between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = (math.radians(float(v)) for v in (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@require_GET
@role_required(*policies.READERS)
def directory_map(request: HttpRequest) -> HttpResponse:
    """Four queries whatever the number of resources: the plan, the tile source, the
    resources, their organisations (joined)."""
    authority_id = policies.authority_id_for(request)
    taxonomy = taxonomy_for(authority_id)
    places = policies.services_for_reader(request).filter(latitude__isnull=False)
    if taxonomy.map_categories:
        places = places.filter(category__in=taxonomy.map_categories)
    places = list(places.select_related("organisation").order_by("name", "pk"))
    # Districts in the same order on every database (collations differ).
    places.sort(key=lambda place: place.district)
    form = PlaceForm(request.GET or None, places=places)
    point = form.point(places)
    rows = []
    for place in places:
        rows.append(
            {
                "service": place,
                "km": distance_km(point, (place.latitude, place.longitude)) if point else None,
            }
        )
    if point:
        rows.sort(key=lambda row: (row["service"].district, row["km"]))
    districts = [
        (district, list(items))
        for district, items in groupby(rows, key=lambda r: r["service"].district)
    ]
    tiles = DirectoryMap.objects.filter(authority_id=authority_id).first()
    markers = [
        {
            "lat": float(p.latitude),
            "lon": float(p.longitude),
            "name": f"{p.organisation.name} {p.name}",
            "url": p.get_absolute_url(),
        }
        for p in places
    ]
    context = {
        "form": form,
        "districts": districts,
        "count": len(places),
        "tiles": tiles if tiles and tiles.tile_url else None,
        "markers": markers,
        "map_categories": taxonomy.map_categories,
        "may_edit": request.active_role.role in policies.EDITORS,
        "may_set_tiles": request.active_role.role == Role.EAP_ADMIN,
    }
    response = render(request, "resources/directory/map.html", context)
    if context["tiles"]:
        # The tiles come from the operator's own server: only that origin is let in.
        parts = urlsplit(tiles.tile_url)
        if parts.scheme and parts.netloc:
            response._csp_update = {"img-src": [f"{parts.scheme}://{parts.netloc}"]}
    return response


@require_http_methods(["GET", "POST"])
@role_required(Role.EAP_ADMIN)
def directory_map_settings(request: HttpRequest) -> HttpResponse:
    authority = OrgUnit.objects.get(pk=request.active_role.scope.root_id)
    current = DirectoryMap.objects.filter(authority=authority).first()
    initial = {"tile_url": current.tile_url, "attribution": current.attribution} if current else {}
    form = MapSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.directory_map_save(authority=authority, **form.cleaned_data)
        messages.success(request, _("The map's tile source was saved."))
        return redirect("resources:directory_map")
    return render(request, "resources/directory/map_settings.html", {"form": form})


@require_http_methods(["GET", "POST"])
@role_required(*policies.EDITORS)
def directory_care_import(request: HttpRequest) -> HttpResponse:
    return import_page(request, CareImportForm, care=True)
