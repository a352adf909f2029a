"""Pure ASGI middleware: request id and access log, the request-body size limit, and NUL refused."""

import logging
import time
import uuid
from urllib.parse import parse_qsl

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from anchang.core.context import actor_id_var, api_key_id_var, request_id_var
from anchang.core.errors import FieldError, problem_response

access_log = logging.getLogger("anchang.access")


class RequestContextMiddleware:
    """Gives every request an id (kept from `X-Request-ID` when sent), echoes it, logs one line."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request_id = _header(scope, b"x-request-id") or uuid.uuid4().hex
        token = request_id_var.set(request_id[:64])
        actor_token = actor_id_var.set(None)
        key_token = api_key_id_var.set(None)
        started = time.perf_counter()
        status = 500

        async def send_with_id(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [*message["headers"], (b"x-request-id", request_id[:64].encode())]
                # An API key's requests tell it where it stands (core/access.py counted this one).
                limits = scope.get("state", {}).get("rate_limit")
                if limits:
                    message["headers"] += [(k.lower().encode(), v.encode()) for k, v in limits.items()]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            access_log.info(
                "request",
                extra={
                    "method": scope["method"],
                    "path": scope["path"],
                    "status": status,
                    "duration_ms": round((time.perf_counter() - started) * 1000, 2),
                },
            )
            api_key_id_var.reset(key_token)
            actor_id_var.reset(actor_token)
            request_id_var.reset(token)


class BodySizeLimitMiddleware:
    """Answers 413 for bodies over the limit, by Content-Length or while a chunked body streams in."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = _header(scope, b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            await self._reject(scope, receive, send)
            return
        if length is not None or _header(scope, b"transfer-encoding") is None:
            # The declared length is within the limit (or there is no body): nothing to count.
            await self.app(scope, receive, send)
            return

        received = 0
        too_large = False

        async def limited_receive() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    too_large = True
                    raise _BodyTooLarge
            return message

        response_started = False

        async def guarded_send(message: Message) -> None:
            nonlocal response_started
            if too_large:
                return  # whatever the app answers to a cut-off body, the client gets the 413 below
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except Exception:
            if not too_large:
                raise
        if too_large and not response_started:
            await self._reject(scope, receive, send)

    async def _reject(self, scope: Scope, receive: Receive, send: Send) -> None:
        response = problem_response(
            413, "payload_too_large", detail=f"The request body is over {self.max_bytes} bytes"
        )
        await response(scope, receive, send)


class NulCharacterMiddleware:
    """Answers 422 for a NUL character in the path or a query parameter, naming it: PostgreSQL cannot
    compare text holding one, so it would otherwise fail deep in a query as a 500."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            field = _nul_field(scope)
            if field is not None:
                response = problem_response(
                    422,
                    "validation_error",
                    "Validation error",
                    f"{field}: must not contain the NUL character (\\u0000)",
                    errors=[FieldError(field=field, message="must not contain the NUL character (\\u0000)")],
                )
                await response(scope, receive, send)
                return
        await self.app(scope, receive, send)


def _nul_field(scope: Scope) -> str | None:
    if "\x00" in scope.get("path", ""):
        return "path"
    query: bytes = scope.get("query_string", b"")
    if b"%00" not in query.lower() and b"\x00" not in query:
        return None
    for name, value in parse_qsl(query.decode("latin-1"), keep_blank_values=True):
        if "\x00" in name or "\x00" in value:
            return name.replace("\x00", "") or "query"
    return None


class _BodyTooLarge(Exception):
    pass


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return str(value.decode("latin-1"))
    return None
