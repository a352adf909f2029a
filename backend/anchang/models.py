"""Every domain's tables, imported so that Alembic and the schema test see the whole metadata."""

from anchang.apikeys import models as apikey_models
from anchang.approvals import models as approval_models
from anchang.auth import models as auth_models
from anchang.campaigns import models as campaign_models
from anchang.closing import models as closing_models
from anchang.commission import models as commission_models
from anchang.complaints import models as complaint_models
from anchang.core import audit, credentials, idempotency
from anchang.core.models import Base
from anchang.customers import models as customer_models
from anchang.deals import models as deal_models
from anchang.integrations import models as integration_models
from anchang.inventory import models as inventory_models
from anchang.org import models as org_models
from anchang.reception import models as reception_models
from anchang.reports import models as report_models
from anchang.targets import models as target_models

metadata = Base.metadata

__all__ = [
    "apikey_models",
    "approval_models",
    "audit",
    "auth_models",
    "campaign_models",
    "closing_models",
    "commission_models",
    "complaint_models",
    "credentials",
    "customer_models",
    "deal_models",
    "idempotency",
    "integration_models",
    "inventory_models",
    "metadata",
    "org_models",
    "reception_models",
    "report_models",
    "target_models",
]
