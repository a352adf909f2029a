"""The public facade of integrations: what other domains call to publish their changes.

One line in a service, inside its transaction: `await integrations.emit(session, "deal.subscribed", deal)`.
"""

from anchang.integrations.outbox import emit, emit_bulk, snapshot
from anchang.integrations.registry import EVENT_TYPES, is_known

__all__ = ["EVENT_TYPES", "emit", "emit_bulk", "is_known", "snapshot"]
