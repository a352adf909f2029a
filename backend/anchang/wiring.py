"""How the domains meet at run time without importing one another: each approval kind's handler, and
other domains' entries on a customer's timeline. The app wires them when it is built, and so does the
demo seeding, which `make run` does before the app exists (an approval decided then must take effect)."""

from anchang.approvals import service as approvals
from anchang.commission import service as commission
from anchang.complaints import service as complaints
from anchang.customers import service as customers
from anchang.deals import service as deals
from anchang.inventory import pricing
from anchang.targets import service as targets


def wire_approvals() -> None:
    """What happens when each kind of approval request is decided: the deciding domain's handler."""
    approvals.register(pricing.KIND, pricing.on_price_list_decided)  # a price list version (调价)
    for kind in deals.APPROVAL_KINDS.values():  # discounts, cancellations, changes of unit and buyers…
        approvals.register(kind, deals.on_approval_decided)
    approvals.register(complaints.REMEDY_KIND, complaints.on_remedy_decided)  # a complaint's money remedy
    approvals.register(commission.RULE_KIND, commission.on_rule_decided)  # an agency-fee rule version
    approvals.register(commission.PLAN_KIND, commission.on_plan_decided)  # a commission plan (酬金方案)
    approvals.register(commission.CREDITS_KIND, commission.on_credits_decided)  # a deal's credits (业绩分配)
    approvals.register(commission.REWARD_KIND, commission.on_reward_decided)  # a reward or penalty (奖罚)
    approvals.register(targets.KIND, targets.on_plan_decided)  # a month's plan of targets (目标)


def wire_timelines() -> None:
    """Other domains' entries on a customer's timeline (customers imports none of them)."""
    customers.register_timeline_source(complaints.customer_timeline_source())  # complaints about them


def wire() -> None:
    """Everything above; registering twice changes nothing."""
    wire_approvals()
    wire_timelines()
