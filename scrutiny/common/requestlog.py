"""One JSON line per request on the ``scrutiny.requests`` logger, for the council's log store:
``time`` (UTC, ISO 8601, when the answer was ready), ``method``, ``path`` (never the query
string, which can carry search words and tokens), ``url_name``, ``status``, ``ms`` (time in
Django), ``user`` (the account's id, or null), ``address`` (as the security log counts it)
and ``request_id`` (the proxy's ``X-Request-ID`` when it sends a sane one, else made here;
sent back on the response, so a user's report can be matched to its line)."""

from __future__ import annotations

import json
import logging
import re
import time
import uuid
from datetime import UTC, datetime

from django.conf import settings

from scrutiny.common.security import client_address

logger = logging.getLogger("scrutiny.requests")

_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")


def _request_id(request) -> str:
    given = request.headers.get("X-Request-ID", "")
    return given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


class RequestLogMiddleware:
    """Logs every request that reaches Django (static files are whitenoise's, before it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not settings.REQUEST_LOG:
            return self.get_response(request)
        started = time.perf_counter()
        request_id = _request_id(request)
        response = self.get_response(request)
        response["X-Request-ID"] = request_id
        user = getattr(request, "user", None)
        match = getattr(request, "resolver_match", None)
        record = {
            "time": datetime.now(UTC).isoformat(timespec="milliseconds"),
            "method": request.method,
            "path": request.path[:500],
            "url_name": match.view_name if match else None,
            "status": response.status_code,
            "ms": round((time.perf_counter() - started) * 1000, 1),
            "user": user.pk if user is not None and user.is_authenticated else None,
            "address": client_address(request),
            "request_id": request_id,
        }
        logger.info(json.dumps(record, ensure_ascii=False))
        return response
