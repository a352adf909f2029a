"""Queries of integrations, each from the base repository's scoped statement."""

from sqlalchemy import ColumnElement

from anchang.core.errors import NotFound
from anchang.core.repository import Repository, own_or_overseen
from anchang.core.roles import ProjectRole
from anchang.integrations.models import IntegrationEvent, WebhookDelivery, WebhookEndpoint

# Who reads every event of their projects; a consultant reads their own objects' events and the
# events of objects nobody owns (a unit's status: the board every member sees).
EVENT_OVERSEERS = frozenset(ProjectRole) - {ProjectRole.consultant}


class WebhookNotFound(NotFound):
    code = "webhook_not_found"


class DeliveryNotFound(NotFound):
    code = "webhook_delivery_not_found"


class EventRepository(Repository[IntegrationEvent]):
    """Events: the organization's, of the caller's projects (admins: all, those of no project too)."""

    model = IntegrationEvent

    def row_rule(self) -> ColumnElement[bool] | None:
        rule = own_or_overseen(
            self.principal, IntegrationEvent.owner_id, IntegrationEvent.project_id, EVENT_OVERSEERS
        )
        return None if rule is None else (IntegrationEvent.owner_id.is_(None) | rule)


class WebhookRepository(Repository[WebhookEndpoint]):
    model = WebhookEndpoint
    not_found = WebhookNotFound


class DeliveryRepository(Repository[WebhookDelivery]):
    model = WebhookDelivery
    not_found = DeliveryNotFound
