"""The errors of deals, each with its status and stable code (re-exported by `deals.service`)."""

from anchang.core.errors import AppError, Conflict, Forbidden, TooManyRequests


class BuyerNotYours(Forbidden):
    code, title = "customer_not_yours", "Consultants subscribe only for their own customers"


class BuyerOwnedByOther(Conflict):
    """A colleague's protected customer named as a buyer: a 撞单 for a supervisor to settle. Unlike the
    customers domain's registration error it names no owner and no date: the caller may not know them."""

    code, title = "customer_owned_by_other", "This customer is owned by another consultant"


class DealStatusConflict(Conflict):
    code, title = "deal_status_conflict", "The deal is not in a status that allows this"


class ContractNumberTaken(Conflict):
    code, title = "contract_number_taken", "This contract number is already used in the project"


class DealNotPaid(Conflict):
    code, title = "deal_not_paid", "The schedule is not paid and no mortgage has been disbursed"


class OperationPending(Conflict):
    code, title = "operation_pending", "Another operation on this deal waits for an approval"


class RefundExceedsPaid(Conflict):
    code, title = "refund_exceeds_paid", "The refund is more than the buyer has paid"


class PaymentAlreadyReversed(Conflict):
    code, title = "payment_already_reversed", "This payment has already been reversed"


class MortgageExists(Conflict):
    code, title = "mortgage_exists", "The deal already has a mortgage"


class PdfUnavailable(AppError):
    status, code, title = 503, "pdf_unavailable", "The PDF cannot be made on this server (no CJK font)"


class MortgageStageNotAllowed(Conflict):
    code, title = "mortgage_stage_not_allowed", "The mortgage cannot move to this stage from its current one"


class QuoteThrottled(TooManyRequests):
    """More quotes than a seller needs: each one says whether the price needs an approval, so unlimited
    quotes would let anyone narrow down what a price must stay above."""

    code, title = "quote_throttled", "Too many quotes in a minute"
