"""The application factory: routers, middleware, error handlers, and the built SPA."""

import asyncio
import contextlib
import gc
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import APIRouter, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.routing import APIRoute
from starlette.datastructures import Headers
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import FileResponse, Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

from anchang.apikeys.router import router as apikeys_router
from anchang.apikeys.service import Keys
from anchang.approvals.router import router as approvals_router
from anchang.auth.router import router as auth_router
from anchang.campaigns.router import router as campaigns_router
from anchang.closing.router import router as closing_router
from anchang.commission.consultant_router import router as consultant_commission_router
from anchang.commission.router import router as agency_fee_router
from anchang.complaints import service as complaints
from anchang.complaints.router import public_router as complaints_public_router
from anchang.complaints.router import router as complaints_router
from anchang.core import pagination
from anchang.core.config import Settings, get_settings
from anchang.core.credentials import credentials
from anchang.core.db import Database
from anchang.core.errors import PROBLEM_JSON, FieldError, Problem, install_error_handlers
from anchang.core.idempotency import IdempotentReplay, replay_response
from anchang.core.logging import configure_logging
from anchang.core.middleware import BodySizeLimitMiddleware, NulCharacterMiddleware, RequestContextMiddleware
from anchang.core.routing import API_PREFIX
from anchang.core.security import BEARER_SCHEME
from anchang.core.throttle import RateLimit
from anchang.customers.router import router as customers_router
from anchang.deals.router import router as deals_router
from anchang.health.router import router as health_router
from anchang.integrations import worker as webhook_worker
from anchang.integrations.router import router as integrations_router
from anchang.inventory.events import stop_hub
from anchang.inventory.report_router import router as inventory_report_router
from anchang.inventory.router import router as inventory_router
from anchang.inventory.sweeper import sweep_forever
from anchang.org.router import router as org_router
from anchang.org.service import Projects
from anchang.reception.router import router as reception_router
from anchang.reports.router import router as reports_router
from anchang.targets.router import router as targets_router
from anchang.wiring import wire


def _operation_id(route: APIRoute) -> str:
    # Stable, readable names for generated clients: "projects-list_projects".
    return f"{route.tags[0]}-{route.name}" if route.tags else route.name


def api_routers() -> tuple[APIRouter, ...]:
    """Every domain's router; each is mounted under /api/v1 (directly: one routing level less per request)."""
    return (
        health_router,
        auth_router,
        org_router,
        inventory_router,
        inventory_report_router,
        approvals_router,
        customers_router,
        deals_router,
        reception_router,
        complaints_router,
        complaints_public_router,
        agency_fee_router,
        consultant_commission_router,
        targets_router,
        campaigns_router,
        reports_router,
        integrations_router,
        closing_router,
        apikeys_router,
    )


def mount_flat(app: FastAPI, router: APIRouter, *, prefix: str) -> None:
    """Add `router`'s routes to the app itself, as `include_router` did before FastAPI nested them.

    Nested included routers are matched twice per level on every request (about a third of a
    simple authenticated read, measured); flat routes are matched once, by one regex each.
    """
    for route in router.routes:
        if not isinstance(route, APIRoute):
            raise TypeError(f"{route!r}: only API routes are mounted flat")
        app.router.add_api_route(
            prefix + route.path,
            route.endpoint,
            response_model=route.response_model,
            status_code=route.status_code,
            tags=route.tags,
            dependencies=route.dependencies,
            summary=route.summary,
            description=route.description,
            response_description=route.response_description,
            responses=route.responses,
            deprecated=route.deprecated,
            methods=route.methods,
            operation_id=route.operation_id,
            response_model_include=route.response_model_include,
            response_model_exclude=route.response_model_exclude,
            response_model_by_alias=route.response_model_by_alias,
            response_model_exclude_unset=route.response_model_exclude_unset,
            response_model_exclude_defaults=route.response_model_exclude_defaults,
            response_model_exclude_none=route.response_model_exclude_none,
            include_in_schema=route.include_in_schema,
            response_class=route.response_class,
            name=route.name,
            callbacks=route.callbacks,
            openapi_extra=route.openapi_extra,
            route_class_override=type(route),
        )


# The web app's headers, here for `make run` and in deploy/web/nginx.conf for production (a test keeps
# them equal). Scripts only from our own origin: an injected script could not run, so it could not read
# the tokens the app keeps. Styles inline too (Ant Design writes its CSS at run time); blobs for the
# PDFs and exports the app opens.
SPA_SECURITY_HEADERS = {
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; "
        "object-src 'self' blob:; frame-src 'self' blob:; frame-ancestors 'none'; "
        "base-uri 'self'; form-action 'self'"
    ),
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
}


class SPAFiles(StaticFiles):
    """The built single-page app; unknown paths outside /api get index.html (client-side routes)."""

    async def get_response(self, path: str, scope: Scope) -> Response:
        compressed = self._compressed(path, scope)
        if compressed is not None:
            return compressed
        try:
            response = await super().get_response(path, scope)
        except StarletteHTTPException as exc:
            if exc.status_code != 404 or path.startswith("api"):
                raise
            response = FileResponse(Path(str(self.directory)) / "index.html")
        response.headers.update(SPA_SECURITY_HEADERS)
        return response

    def _compressed(self, path: str, scope: Scope) -> Response | None:
        """The build's gzip copy of a script or stylesheet (vite.config.ts), for a browser that takes it."""
        accepted = Headers(scope=scope).get("accept-encoding", "")
        if not path.endswith((".js", ".css")) or "gzip" not in accepted:
            return None
        full, stat = self.lookup_path(path + ".gz")
        if stat is None or not full:
            return None
        response = self.file_response(full, stat, scope)  # answers 304 to a fresh If-None-Match too
        response.headers["Content-Type"] = "text/css" if path.endswith(".css") else "text/javascript"
        response.headers.update(SPA_SECURITY_HEADERS)
        response.headers["Content-Encoding"] = "gzip"
        response.headers["Vary"] = "Accept-Encoding"
        return response


# Routes that take no token at all; every other one declares the bearer scheme.
ANONYMOUS_PATHS = {
    f"{API_PREFIX}/{p}"
    for p in ("auth/token", "auth/refresh", "auth/web/token", "auth/web/refresh", "health", "ready")
}
IDEMPOTENCY_KEY_PARAMETER = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "schema": {"type": "string", "minLength": 1, "maxLength": 255},
    "description": "Send the same key again (same body, within 24 h) and get the first response back "
    "with no second effect; another body → 422, while the first is still running → 409.",
}


# Errors the app answers on its own, whatever the route (middleware, FastAPI's parsing, core's handlers):
# declared here once, so the document says what the API answers (issue #10).
NO_DATABASE_PATHS = {f"{API_PREFIX}/health"}


def _answered_by_any(path: str, method: str, operation: dict[str, Any]) -> dict[str, str]:
    """Status → codes of the problems `operation` may answer besides those its route declares."""
    out = {
        "422": "`validation_error` (a NUL character in the path or query string, by NulCharacterMiddleware)",
    }
    if "requestBody" in operation:
        out["400"] = "`bad_request` (the body cannot be decoded, e.g. JSON that is not UTF-8)"
        out["413"] = "`payload_too_large` (over MAX_BODY_BYTES, by BodySizeLimitMiddleware)"
        out["422"] += ", `invalid_value` (a value PostgreSQL cannot store)"
    if method != "get" and path not in ANONYMOUS_PATHS:
        out["409"] = "`already_exists` (a concurrent request created the same thing)"
        out["412"] = "`precondition_failed` (a concurrent request changed the row)"
    if method == "post" and path not in ANONYMOUS_PATHS:
        out["409"] += ", `idempotency_key_in_use`"
        out["422"] += ", `idempotency_key_reused`, `invalid_idempotency_key`"
    if path not in NO_DATABASE_PATHS:
        out["503"] = "`database_unavailable`, `database_busy`, `read_timeout` (try again after Retry-After)"
    return out


def _declare(operation: dict[str, Any], status: str, codes: str) -> None:
    response = operation.setdefault("responses", {}).setdefault(status, {"description": ""})
    response["description"] = ", ".join(filter(None, [response.get("description"), codes]))


def _problem_json_openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    """The OpenAPI document, with every error response declared as the problem+json it is."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is not None:
            return app.openapi_schema
        spec = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        problem = {"schema": {"$ref": "#/components/schemas/Problem"}}
        paged = {
            (route.path, method.lower())
            for route in app.routes
            if isinstance(route, APIRoute) and pagination.pages(route.dependant)
            for method in route.methods or ()
        }
        for path, operations in spec.get("paths", {}).items():
            for method, operation in operations.items():
                if (path, method) in paged:
                    operation.setdefault("parameters", []).extend(pagination.openapi_parameters())
                answered = _answered_by_any(path, method, operation)
                for status, codes in answered.items():
                    _declare(operation, status, codes)
                if path not in ANONYMOUS_PATHS:
                    operation["security"] = [{"HTTPBearer": []}]
                    if method == "post":
                        operation.setdefault("parameters", []).append(IDEMPOTENCY_KEY_PARAMETER)
                for status, response in operation.get("responses", {}).items():
                    if status[0] in "45":
                        response["content"] = {PROBLEM_JSON: problem}
                        if status == "422":
                            response["description"] = (
                                f"Validation error: `errors` names each field; {answered['422']}"
                            )
        spec.setdefault("components", {}).setdefault("securitySchemes", {})["HTTPBearer"] = BEARER_SCHEME
        schemas = spec["components"].setdefault("schemas", {})
        schemas.setdefault("Problem", Problem.model_json_schema(ref_template="#/components/schemas/{model}"))
        schemas.setdefault("FieldError", FieldError.model_json_schema())
        for unused in ("HTTPValidationError", "ValidationError"):
            schemas.pop(unused, None)
        app.openapi_schema = spec
        return spec

    return openapi


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging(settings.log_level)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if database is None:
            if not settings.database_url:
                raise RuntimeError("DATABASE_URL is not set; start through `python -m anchang serve`")
            app.state.database = Database(settings.database_url, pool_size=settings.db_pool_size)
        else:
            app.state.database = database
        app.openapi()  # built once, now, rather than on the first request for it
        # Everything made at startup (models, schemas, compiled routes) lives as long as the process:
        # moved out of the collector's sight, so collections only walk what requests allocate.
        gc.collect()
        gc.freeze()
        conninfo = getattr(app.state.database, "libpq_conninfo", None)  # tests may hand in a stand-in
        listener = (
            asyncio.create_task(credentials.listen(conninfo), name="credentials-listen") if conninfo else None
        )
        sweeper = (
            asyncio.create_task(sweep_forever(app.state.database, settings.reservation_sweep_seconds))
            if settings.reservation_sweep_seconds > 0
            else None
        )
        escalator = (
            asyncio.create_task(
                complaints.sweep_forever(app.state.database, settings.complaint_sweep_seconds)
            )
            if settings.complaint_sweep_seconds > 0
            else None
        )
        deliverer = (
            asyncio.create_task(webhook_worker.run_forever(app.state.database), name="webhook-worker")
            if settings.webhook_worker_in_api and database is None
            else None
        )
        yield
        for task in (listener, sweeper, escalator, deliverer):
            if task is not None:
                task.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await task
        await stop_hub(app.state)
        if database is None:
            await app.state.database.dispose()

    app = FastAPI(
        title="Anchang API",
        version="1.0.0",
        summary="The sales office of a real-estate project (案场): inventory, customers, deals, money.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        generate_unique_id_function=_operation_id,
        lifespan=lifespan,
    )
    if database is not None:
        app.state.database = database  # tests hand in theirs; no lifespan needed
    app.state.project_directory = Projects()  # how core/access.py finds a caller's project
    app.state.api_key_directory = Keys()  # how core/security.py verifies an API key
    app.state.key_rate_limit = RateLimit(settings.api_key_rate_limit, workers=settings.workers)
    wire()
    app.openapi = _problem_json_openapi(app)  # type: ignore[method-assign]
    install_error_handlers(app)
    app.add_exception_handler(IdempotentReplay, replay_response)
    for router in api_routers():
        mount_flat(app, router, prefix=API_PREFIX)

    if settings.spa_dir.is_dir() and (settings.spa_dir / "index.html").exists():
        app.mount("/", SPAFiles(directory=settings.spa_dir, html=True), name="spa")

    app.add_middleware(NulCharacterMiddleware)
    app.add_middleware(BodySizeLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(RequestContextMiddleware)
    return app
