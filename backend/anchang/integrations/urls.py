"""Where a webhook may point: https, and in production never at a private, loopback or link-local
address (SSRF: the API would otherwise post to the office network or the cloud's metadata service)."""

import asyncio
import ipaddress
import socket
from urllib.parse import urlsplit

from anchang.core.config import Settings


class UrlRefused(ValueError):
    """The URL is not one a webhook may use; the message says why."""


def _refused_address(address: str) -> bool:
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


async def check_url(url: str, settings: Settings) -> None:
    """Raise UrlRefused unless `url` may receive webhooks under `settings` (resolves its host)."""
    parts = urlsplit(url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise UrlRefused("must be an absolute http(s) URL")
    if parts.username or parts.password:
        raise UrlRefused("must not carry a user name or password")
    if settings.webhooks_may_reach_private:
        return
    if parts.scheme != "https":
        raise UrlRefused("must use https")
    try:
        port = parts.port or 443
        infos = await asyncio.get_running_loop().getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
    except (OSError, ValueError) as exc:
        raise UrlRefused(f"its host {parts.hostname} cannot be resolved") from exc
    if not infos or any(_refused_address(str(info[4][0])) for info in infos):
        raise UrlRefused("must not reach a private, loopback or link-local address")
