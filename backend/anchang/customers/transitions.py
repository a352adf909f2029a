"""A customer's stage (客户阶段) as it moves: the one state machine of the customers domain.

Stages go forward along new → visited → pledged → subscribed → contracted as visits and deals happen;
`lost` may be set from any stage and left for any; a cancelled deal takes its buyers back (forced).
"""

from anchang.customers.models import Stage

FORWARD = (Stage.new, Stage.visited, Stage.pledged, Stage.subscribed, Stage.contracted)


def next_stage(current: Stage, wanted: Stage, *, force: bool = False) -> Stage:
    """The stage after an event asks for `wanted`: it only moves forward unless forced or lost."""
    if force or Stage.lost in (current, wanted) or FORWARD.index(wanted) > FORWARD.index(current):
        return wanted
    return current


def after_visit(current: Stage) -> Stage:
    """A first visit makes a new customer a visited one; later stages stay."""
    return Stage.visited if current is Stage.new else current
