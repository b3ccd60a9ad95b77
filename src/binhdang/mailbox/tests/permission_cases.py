from tests.permission_matrix import ApiCase, Case, everyone

OFFICE = {"standing_office": 200, "admin": 200}
OFFICE_POST = {"standing_office": 302, "admin": 302}


def _message(w, status="triage"):
    from binhdang.mailbox import services
    from binhdang.reporting.tests.factories import make_round

    from .servers import ROUND_ADDRESS, soft_copy

    make_round(w, slug="bdg-2023-hop-thu", soft_copy_email=ROUND_ADDRESS)
    message = services.receive(soft_copy(sender="nguoi.la@example.com"), via="smtp").message
    if status == "rejected":
        services.message_reject(actor=w.standing_office, message=message, note="Thư rác")
    return {"pk": message.pk}


def _address(w):
    from binhdang.mailbox.models import UnitMailAddress

    address = UnitMailAddress.objects.create(
        org_unit=w.commune_a, email="vanthu.phulinh@gmail.com", added_by=w.standing_office
    )
    return {"pk": address.pk}


CASES = [
    Case("mailbox:list", allowed=OFFICE),
    Case("mailbox:detail", kwargs=_message, allowed=OFFICE),
    Case("mailbox:raw", kwargs=_message, allowed=OFFICE),
    # Neither round nor unit chosen: refused with a message, back to the message (302).
    Case("mailbox:assign", kwargs=_message, method="post", allowed=OFFICE_POST),
    # Already rejected: a second decision is refused with a message (302), nothing changes.
    Case(
        "mailbox:reject",
        kwargs=lambda w: _message(w, "rejected"),
        method="post",
        allowed=OFFICE_POST,
    ),
    Case("mailbox:addresses", allowed=OFFICE),
    # No unit chosen: refused with a message (302).
    Case("mailbox:address_add", method="post", allowed=OFFICE_POST),
    # The standing office removes the address; the administrator, next, finds it gone (404).
    Case(
        "mailbox:address_remove",
        kwargs=_address,
        method="post",
        allowed={"standing_office": 302},
    ),
]

API_CASES = [
    # Everyone signed in gets the list of the messages they may see (none for most).
    ApiCase("get", "/api/v1/mailbox/messages", allowed=everyone()),
]
