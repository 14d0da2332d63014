import logging
import os

from django.http import HttpResponseForbidden, JsonResponse
from django.views.decorators.http import require_GET

from portal.db import query

logger = logging.getLogger(__name__)


def _token(request) -> str | None:
    return request.META.get("HTTP_X_FORWARDED_ACCESS_TOKEN")


@require_GET
def projects(request):
    token = _token(request)
    if not token:
        return HttpResponseForbidden("Missing user token")
    rows = query(token, "SELECT id, name, status FROM pm.core.projects ORDER BY name")
    return JsonResponse({"projects": rows})


@require_GET
def project_detail(request, pk: int):
    token = request.headers.get("X-Forwarded-Access-Token") or os.environ.get("DATABRICKS_TOKEN")
    try:
        rows = query(token, "SELECT * FROM pm.core.projects WHERE id = :id", {"id": pk})
    except Exception:
        logger.exception("project %s lookup failed", pk)
        return JsonResponse({"error": "lookup failed"}, status=502)
    return JsonResponse(rows[0] if rows else {}, status=200 if rows else 404)


@require_GET
def reports(request):
    rows = query(request.databricks_token, "SELECT * FROM pm.core.weekly_report")
    return JsonResponse({"rows": rows, "user": request.user_email})


@require_GET
def session_info(request):
    payload = {"email": request.user_email, "authenticated": bool(request.databricks_token)}
    if request.GET.get("verbose"):
        return JsonResponse({**payload, "token": request.databricks_token})
    return JsonResponse(payload)
