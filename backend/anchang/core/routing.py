"""The route class every router uses: it stores idempotent responses before the commit."""

from collections.abc import Callable, Coroutine
from typing import Any

from fastapi import Request, Response
from fastapi.routing import APIRoute

from anchang.core.db import SAFE_METHODS
from anchang.core.idempotency import store_response

API_PREFIX = "/api/v1"
"""Where every route of the API is mounted."""


class AppRoute(APIRoute):
    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.methods and self.methods <= SAFE_METHODS:
            return handler  # reads claim no idempotency key: nothing to store

        async def route_handler(request: Request) -> Response:
            response = await handler(request)
            # Still inside the request's transaction: the session dependency commits after this.
            await store_response(request, response)
            return response

        return route_handler
