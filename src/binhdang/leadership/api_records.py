"""API operations of a kind of record (`records.RecordType`), scoped like the pages: list,
read, create, change and delete, through `records.save_record`."""

from datetime import date

from django.http import Http404
from ninja import Router, Schema, Status

from binhdang.core.api import MAX_ID, UnitRef
from binhdang.formats.text import nfc

from . import records
from .records import Filters, RecordError


class RecordOut(Schema):
    id: int
    unit: UnitRef
    values: dict


class RecordIn(Schema):
    unit_id: int
    values: dict


class Problem(Schema):
    detail: str
    errors: dict = {}


def _value(f, obj):
    if f.kind == "file":
        return getattr(obj, f.file_name_field, "")
    value = getattr(obj, f.name)
    if f.kind == "ref":
        return value.pk if value is not None else None
    if isinstance(value, date):
        return value.isoformat()
    return value


def out(rtype, obj) -> dict:
    unit = records.unit_of(rtype, obj)
    return {
        "id": obj.pk,
        "unit": {"id": unit.pk, "name": unit.name},
        "values": {f.name: _value(f, obj) for f in rtype.fields},
    }


def _raw(rtype, values: dict) -> dict:
    raw = {}
    for f in rtype.fields:
        if f.kind == "file":
            continue
        value = values.get(f.name)
        raw[f.name] = nfc(value) if isinstance(value, str) else value
        if f.kind == "ref" and isinstance(value, int):
            raw[f.name] = str(value)
    return raw


def add_routes(router: Router, types: dict, resolve, app: str) -> None:
    """Mount `/{kind}` and `/{kind}/{id}` on `router` for the record types `types`;
    `resolve(kind)` returns the type or raises Http404."""

    @router.get(
        "/{kind}",
        response=list[RecordOut],
        summary="Records of a kind, in your scope",
        operation_id=f"{app}_list_records",
    )
    def list_records(request, kind: str, unit: int | None = None, year: int | None = None):
        rtype = resolve(kind)
        if not records.view_units(request.user, rtype).exists():
            raise Http404
        filters = Filters(
            unit=unit if unit and 0 < unit <= MAX_ID else None,
            year=year if year and 1900 <= year <= 2100 else None,
        )
        return [out(rtype, o) for o in records.filtered(request.user, rtype, filters)[:1000]]

    @router.get(
        "/{kind}/{record_id}",
        response=RecordOut,
        summary="One record",
        operation_id=f"{app}_get_record",
    )
    def get_record(request, kind: str, record_id: int):
        rtype = resolve(kind)
        obj = _object(request, rtype, record_id)
        return out(rtype, obj)

    @router.post(
        "/{kind}",
        response={201: RecordOut, 422: Problem},
        summary="Record for a unit you record for",
        operation_id=f"{app}_create_record",
    )
    def create_record(request, kind: str, payload: RecordIn):
        rtype = resolve(kind)
        unit = records.record_units(request.user, rtype).filter(pk=payload.unit_id).first()
        if unit is None or not 0 < payload.unit_id <= MAX_ID:
            raise Http404
        try:
            obj = records.save_record(
                actor=request.user, rtype=rtype, unit=unit, raw=_raw(rtype, payload.values)
            )
        except RecordError as exc:
            return Status(422, {"detail": str(exc), "errors": exc.errors})
        return Status(201, out(rtype, obj))

    @router.put(
        "/{kind}/{record_id}",
        response={200: RecordOut, 422: Problem},
        summary="Change a record (every value is given)",
        operation_id=f"{app}_update_record",
    )
    def update_record(request, kind: str, record_id: int, payload: RecordIn):
        rtype = resolve(kind)
        obj = _object(request, rtype, record_id)
        unit = records.unit_of(rtype, obj)
        if not records.may_record(request.user, rtype, unit) or payload.unit_id != unit.pk:
            raise Http404
        try:
            obj = records.save_record(
                actor=request.user,
                rtype=rtype,
                unit=unit,
                raw=_raw(rtype, payload.values),
                instance=obj,
            )
        except RecordError as exc:
            return Status(422, {"detail": str(exc), "errors": exc.errors})
        return out(rtype, obj)

    @router.delete(
        "/{kind}/{record_id}",
        response={204: None, 422: Problem},
        summary="Delete",
        operation_id=f"{app}_delete_record",
    )
    def delete_record(request, kind: str, record_id: int):
        rtype = resolve(kind)
        obj = _object(request, rtype, record_id)
        if not records.may_record(request.user, rtype, records.unit_of(rtype, obj)):
            raise Http404
        try:
            records.delete_record(actor=request.user, rtype=rtype, obj=obj)
        except RecordError as exc:
            return Status(422, {"detail": str(exc), "errors": {}})
        return Status(204, None)


def _object(request, rtype, record_id: int):
    if not 0 < record_id <= MAX_ID:
        raise Http404
    obj = records.visible_records(request.user, rtype).filter(pk=record_id).first()
    if obj is None:
        raise Http404
    return obj
