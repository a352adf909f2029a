"""The app's routes as clients see them: full path and the route object that handles it."""

from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts


def api_routes(app: Any) -> list[tuple[str, APIRoute]]:
    out = []
    for context in iter_route_contexts(app.routes):
        route = context.original_route
        if isinstance(route, APIRoute) and context.path is not None:
            out.append((context.path, route))
    return out
