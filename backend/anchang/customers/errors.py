"""The typed errors of the customers domain (404s are the repository's `…NotFound`)."""

from anchang.core.errors import Conflict, Forbidden


class CustomerOwnedByOther(Conflict):
    """撞单: the phone belongs to another consultant's protected customer. The attempt is kept."""

    code, title = "customer_owned_by_other", "This customer is owned by another consultant"
    commit_on_error = True  # the attempt is recorded even though the request fails


class CustomerInPool(Conflict):
    code, title = "customer_in_pool", "This customer is in the public pool: claim them instead"


class CustomerExists(Conflict):
    code, title = "customer_exists", "This customer is already registered to you"


class PhoneTaken(Conflict):
    code, title = "phone_taken", "Another customer of the project has this phone"


class NotInPool(Conflict):
    code, title = "customer_not_in_pool", "This customer is protected by their owner and cannot be claimed"


class NotYourCustomer(Forbidden):
    code, title = "not_your_customer", "Only the customer's owner and supervisors may do this"


class BrokerNameTaken(Conflict):
    code, title = "broker_name_taken", "Another broker of the project has this name"


class AgentPhoneTaken(Conflict):
    code, title = "agent_phone_taken", "The broker already has an agent with this phone"


class ReferralExists(Conflict):
    code, title = "referral_exists", "A broker's registration for this phone is still valid"


class CustomerAlreadyRegistered(Conflict):
    code, title = "customer_already_registered", "The customer is already registered in this project"
