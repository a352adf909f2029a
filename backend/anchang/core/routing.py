"""The route class every router uses: one transaction per write request, committed before the response
is sent (after storing the response of an `Idempotency-Key`), and the read session closed after a read."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute
from starlette.routing import Match
from starlette.types import Scope

from anchang.core.db import SAFE_METHODS, begin_request, end_request
from anchang.core.idempotency import store_response
from anchang.core.scopes import route_scope

API_PREFIX = "/api/v1"
"""Where every route of the API is mounted."""


class AppRoute(APIRoute):
    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        super().__init__(path, endpoint, **kwargs)
        # What every path this route matches starts with, and how many slashes it has: a request is
        # compared with each route in turn, and with 150 routes the regexes cost a list request a
        # tenth of its time; these two checks are necessary for the regex to match, and far cheaper.
        self.literal_prefix = self.path.split("{", 1)[0]
        self.slashes = None if ":path}" in self.path else self.path.count("/")
        # What an API key needs to call this route (core/scopes.py), worked out once.
        self.key_scope = route_scope([str(t) for t in self.tags], self.methods or (), self.path)

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if scope["type"] == "http" and not scope.get("root_path"):
            path: str = scope["path"]
            if not path.startswith(self.literal_prefix) or (
                self.slashes is not None and path.count("/") != self.slashes
            ):
                return Match.NONE, {}
        return super().matches(scope)

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.methods and self.methods <= SAFE_METHODS:

            async def read_handler(request: Request) -> Response:
                error: BaseException | None = None
                try:
                    return await handler(request)
                except BaseException as exc:
                    error = exc
                    raise
                finally:
                    # Only if the handler asked for a session (an export records its audit in one).
                    session = getattr(request.state, "session", None)
                    if session is not None:
                        await end_request(session, error)

            return read_handler

        async def write_handler(request: Request) -> Response:
            session = await begin_request(request)
            try:
                response = await handler(request)
                # Still inside the request's transaction: the response is kept for its Idempotency-Key.
                await store_response(request, response)
            except BaseException as exc:
                await end_request(session, exc)
                raise
            await end_request(session, None)
            return response

        return write_handler
