"""The document exchange services a deployment offers, behind one interface.

A service turns an outgoing document into what it sends and reads what it receives:

    class ExchangeService(Protocol):
        key: str              # stable, stored on ExchangeRecord.service
        label: str            # lazy translation, shown on the pages
        def deliver(self, document: EdxmlDocument) -> Delivery: ...
        def receive(self, data: bytes) -> EdxmlDocument: ...

The built-in `EdxmlFileService` gives the package as a file to download (for the agency's
document-management system to import) and reads a package uploaded by hand. A province's own
exchange service (its LGSP, the national document axis) is one more class whose `deliver`
posts the package and returns the reference it got, registered in its app's ready() with
`register_exchange_service`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from django.utils.translation import gettext_lazy as _

from . import edxml


@dataclass(frozen=True)
class Delivery:
    """What a delivery produced: a file to give the user (name, bytes) and/or the reference
    the remote service returned."""

    file_name: str = ""
    data: bytes = b""
    reference: str = ""


class ExchangeService(Protocol):
    key: str
    label: str

    def deliver(self, document: edxml.EdxmlDocument) -> Delivery: ...

    def receive(self, data: bytes) -> edxml.EdxmlDocument: ...


class EdxmlFileService:
    """edXML package as a file: downloaded to send, uploaded when received."""

    key = "edxml"
    label = _("edXML package file (QCVN 102:2016)")

    def deliver(self, document: edxml.EdxmlDocument) -> Delivery:
        from binhdang.documents.builders import safe_file_name

        stem = document.number_symbol.replace("/", "-") or "van-ban"
        return Delivery(file_name=safe_file_name(f"{stem}.edxml"), data=edxml.build(document))

    def receive(self, data: bytes) -> edxml.EdxmlDocument:
        return edxml.parse(data)


_SERVICES: dict[str, ExchangeService] = {}


def register_exchange_service(service: ExchangeService) -> None:
    existing = _SERVICES.get(service.key)
    if existing is not None and existing is not service:
        raise ValueError(f"exchange service {service.key!r} is already registered")
    _SERVICES[service.key] = service


def unregister_exchange_service(key: str) -> None:
    _SERVICES.pop(key, None)


def exchange_services() -> list[ExchangeService]:
    return list(_SERVICES.values())


def exchange_service(key: str) -> ExchangeService | None:
    return _SERVICES.get(key)
