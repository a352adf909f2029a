"""Deals: what the rest of the app (and this domain's router) may call.

Each capability lives in its own module and this facade re-exports it:

- `subscription`: quotes and subscription (认购), pricing and the discount's approval;
- `lifecycle`: contract (签约) and handover (交房);
- `operations`: cancellation, change of unit, of buyers and of the schedule, with their approvals, and
  `on_approval_decided`, the approvals domain's callback;
- `payments`, `receivables`, `mortgage`: money in, 催款, 按揭; `ledger`: the schedule's rows;
- `day_ledger`: the day's receipts and the live deals at a moment, for the daily close;
- `documents`: the 认购书 PDF; `views` and `timeline`: what the API shows;
- `policy` and `transitions`: who may do what, and from which status.

A unit moves only through inventory's service (`take_unit_for_deal`, `advance_unit`, `release_unit`),
in the same transaction as the deal row; the partial unique index `uq_deals_live_unit` stands behind
it. Every change is on the deal's timeline and audited.
"""

from anchang.deals.attribution import deal_figures_of_buyers
from anchang.deals.base import ZERO
from anchang.deals.buyers import buyer_names
from anchang.deals.day_counts import collection_counts, deal_counts
from anchang.deals.day_ledger import DayPayment, DealAt, deals_at, payments_between
from anchang.deals.documents import agreement, subscription_pdf
from anchang.deals.errors import (
    BuyerNotYours,
    BuyerOwnedByOther,
    ContractNumberTaken,
    DealNotPaid,
    DealStatusConflict,
    MortgageExists,
    MortgageStageNotAllowed,
    OperationPending,
    PaymentAlreadyReversed,
    PdfUnavailable,
    QuoteThrottled,
    RefundExceedsPaid,
)
from anchang.deals.funnel import funnel_stages_of
from anchang.deals.ledger import outstanding, schedule_of
from anchang.deals.lifecycle import contract, handover
from anchang.deals.mortgage import change_mortgage_stage, create_mortgage
from anchang.deals.operations import (
    APPROVAL_KINDS,
    cancel,
    change_buyers,
    change_unit,
    edit_schedule,
    on_approval_decided,
)
from anchang.deals.payments import record_payment, reverse_payment
from anchang.deals.pdf import cjk_font_face
from anchang.deals.policy import COLLECTORS, SELLERS, SUPERVISORS_AND_FINANCE, deal_actions
from anchang.deals.reads import list_deals
from anchang.deals.receivables import (
    BUCKETS,
    add_collection_note,
    bucket_of,
    receivables,
)
from anchang.deals.references import DealReference, deal_in_project, ids_sold_by
from anchang.deals.repository import DealNotFound, DealRepository
from anchang.deals.settlement import (
    SettlementFacts,
    contracted_by_consultant_month_of,
    contracted_by_month,
    contracted_by_month_of,
    deals_for_settlement,
)
from anchang.deals.subscription import Priced, quote, quote_figures, quote_view, subscribe
from anchang.deals.transitions import LIVE, MORTGAGE_NEXT
from anchang.deals.views import deal_view, operation_view

__all__ = [
    "APPROVAL_KINDS",
    "BUCKETS",
    "COLLECTORS",
    "LIVE",
    "MORTGAGE_NEXT",
    "SELLERS",
    "SUPERVISORS_AND_FINANCE",
    "ZERO",
    "BuyerNotYours",
    "BuyerOwnedByOther",
    "ContractNumberTaken",
    "DayPayment",
    "DealAt",
    "DealNotFound",
    "DealNotPaid",
    "DealReference",
    "DealRepository",
    "DealStatusConflict",
    "MortgageExists",
    "MortgageStageNotAllowed",
    "OperationPending",
    "PaymentAlreadyReversed",
    "PdfUnavailable",
    "Priced",
    "QuoteThrottled",
    "RefundExceedsPaid",
    "SettlementFacts",
    "add_collection_note",
    "agreement",
    "bucket_of",
    "buyer_names",
    "cancel",
    "change_buyers",
    "change_mortgage_stage",
    "change_unit",
    "cjk_font_face",
    "collection_counts",
    "contract",
    "contracted_by_consultant_month_of",
    "contracted_by_month",
    "contracted_by_month_of",
    "create_mortgage",
    "deal_actions",
    "deal_counts",
    "deal_figures_of_buyers",
    "deal_in_project",
    "deal_view",
    "deals_at",
    "deals_for_settlement",
    "edit_schedule",
    "funnel_stages_of",
    "handover",
    "ids_sold_by",
    "list_deals",
    "on_approval_decided",
    "operation_view",
    "outstanding",
    "payments_between",
    "quote",
    "quote_figures",
    "quote_view",
    "receivables",
    "record_payment",
    "reverse_payment",
    "schedule_of",
    "subscribe",
    "subscription_pdf",
]
