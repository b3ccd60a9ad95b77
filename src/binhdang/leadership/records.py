"""Kinds of programme record described once: their fields, who reads and records them, how they
are entered (a form a phone can fill), checked, saved with an audit entry, listed, uploaded from
an Excel template and exported.

A `RecordType` names a model whose rows belong to a unit (`unit_field`), its `Field`s, the
permission to read them and the one to record them. `save_record` is the one write: it checks
that the actor records for the unit, every value (a clear Vietnamese message per field), the
parts against their whole (women <= total) and that the same record does not exist twice,
then saves in a transaction with an audit entry. The pages (`record_views`), the API and the
sheets all call it, so a value refused on one path is refused on all.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.accounts.scoping import placed_on, units_for, visible
from binhdang.audit.services import record
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.dates import DateError, format_date, parse_date
from binhdang.formats.numbers import NumberError, format_number, parse_number
from binhdang.formats.text import clean_text, fold

MAX_COUNT = 1_000_000


@dataclass(frozen=True)
class Field:
    """One field of a record: `kind` is "int", "date", "choice", "text", "bool", "year" or
    "ref" (a record of the same unit: `options(unit_ids)` lists (pk, label) for a form,
    `lookup(unit, text)` finds the unit's record by its id (a form) or its label (a sheet)),
    or "file" (an attachment checked by `core.uploads.check_upload`, its name kept in
    `file_name_field`; left out of sheets, kept as it is when no new file is given)."""

    name: str
    label: object  # lazy translation
    kind: str = "text"
    required: bool = True
    choices: Sequence[tuple[str, object]] = ()
    max_length: int | None = None
    help: object = ""
    options: Callable | None = None
    lookup: Callable | None = None
    in_list: bool = True
    width: int = 18
    file_name_field: str = ""
    extensions: frozenset = frozenset({"pdf", "docx", "doc", "jpg", "png"})


@dataclass(frozen=True)
class RecordType:
    slug: str
    model: type[models.Model]
    label: object  # "Leadership posts"
    title: str  # banner of the sheet, Vietnamese: "CHỨC DANH LÃNH ĐẠO"
    fields: tuple[Field, ...]
    view_permission: str
    record_permission: str
    date_field: str
    audit_name: str  # "leadership.post"
    # An integer year field the list filters on instead of the year of `date_field`.
    year_field: str = ""
    unit_field: str = "org_unit"
    # (part, whole): a part may not exceed its whole.
    parts: tuple[tuple[str, str], ...] = ()
    # Fields that, with the unit, name one record: a second one is refused.
    unique: tuple[str, ...] = ()
    # A filter of the list page: the name of a choice field.
    filter_field: str = ""
    # Sets the owner of a new record from its unit (default: `org_unit`); raises RecordError.
    bind: Callable | None = None
    # Further checks: check(unit, values, instance) -> {field: message}.
    check: Callable | None = None
    # Called inside the transaction after a save or a delete: after(actor, unit, obj).
    after: Callable | None = None
    # May the record be changed through its form? refuse(obj) -> message or "".
    refuse_edit: Callable | None = None
    detail_note: object = ""
    # Personal data: every look at the list or a record is in the audit log.
    audit_reads: bool = False
    app: str = "leadership"

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    @property
    def list_fields(self) -> list[Field]:
        return [f for f in self.fields if f.in_list]

    @property
    def count_fields(self) -> list[Field]:
        return [f for f in self.fields if f.kind == "int"]


class RecordError(Exception):
    """A record that cannot be saved; `str(exc)` is for the user, `errors` per field."""

    def __init__(self, message: str, errors: dict[str, str] | None = None):
        super().__init__(message)
        self.errors = errors or {}


# ---------------------------------------------------------------- scope


def view_units(user, rtype: RecordType):
    return units_for(user, rtype.view_permission)


def record_units(user, rtype: RecordType):
    """The units whose records of this type the user records: only those they are placed on
    (a unit records its own; a district's office does not record for its communes)."""
    return placed_on(user, units_for(user, rtype.record_permission)).order_by("path")


def visible_records(user, rtype: RecordType):
    return visible(
        user,
        rtype.view_permission,
        rtype.model._default_manager.all(),
        unit_field=rtype.unit_field,
    )


def unit_of(rtype: RecordType, obj):
    """The unit a record belongs to."""
    value = obj
    for part in rtype.unit_field.split("__"):
        value = getattr(value, part)
    return value


def may_record(user, rtype: RecordType, unit) -> bool:
    return record_units(user, rtype).filter(pk=unit.pk).exists()


# ---------------------------------------------------------------- values


KEEP = object()  # a file field given no new file: the stored one stays


def clean_value(f: Field, raw, unit=None):
    """The value a person meant by `raw` for field `f`; raises ValidationError (Vietnamese)."""
    if f.kind == "file":
        if not raw:
            return KEEP
        try:
            checked = check_upload(raw, set(f.extensions))
        except UploadRejected as exc:
            raise ValidationError(str(exc)) from exc
        return (raw, checked)
    if f.kind == "bool":
        if isinstance(raw, bool):
            return raw
        text = fold(str(raw or ""))
        if text in {"", "0", "khong", "false", "no", "off"}:
            return False
        if text in {"1", "co", "x", "true", "yes", "on"}:
            return True
        raise ValidationError(_("Write “Có” or “Không”."))
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if f.required:
            raise ValidationError(_("This field is required."))
        return None if f.kind in {"int", "date", "year", "ref"} else ""
    if f.kind in {"int", "year"}:
        try:
            number = parse_number(raw, integer=True)
        except NumberError as exc:
            raise ValidationError(str(exc)) from exc
        if number is None:
            return None
        if f.kind == "year" and not 1900 <= number <= 2100:
            raise ValidationError(_("Write a year between 1900 and 2100."))
        if number < 0 or number > MAX_COUNT:
            raise ValidationError(_("Write a number from 0 to 1.000.000."))
        return int(number)
    if f.kind == "date":
        try:
            value = parse_date(raw)
        except DateError as exc:
            raise ValidationError(str(exc)) from exc
        if value is not None and not date(2000, 1, 1) <= value <= date(2100, 12, 31):
            raise ValidationError(_("Write a date between 2000 and 2100."))
        return value
    if f.kind == "choice":
        values = {str(v): v for v, _label in f.choices}
        text = str(raw).strip()
        if text in values:
            return values[text]
        folded = fold(text)
        for value, label in f.choices:
            if folded in {fold(str(label)), fold(str(value))}:
                return value
        raise ValidationError(_("Choose a value from the list."))
    if f.kind == "ref":
        if isinstance(raw, models.Model):
            return raw
        if unit is not None and f.lookup is not None:
            found = f.lookup(unit, str(raw))
            if found is not None:
                return found
        raise ValidationError(_("Choose a value from the list."))
    text = clean_text(str(raw), max_length=f.max_length)
    if f.required and not text:
        raise ValidationError(_("This field is required."))
    return text


def check_values(rtype: RecordType, unit, raw: dict, instance=None) -> tuple[dict, dict]:
    """(clean values, errors by field name) of the raw values of a record."""
    values, errors = {}, {}
    for f in rtype.fields:
        try:
            values[f.name] = clean_value(f, raw.get(f.name), unit)
        except ValidationError as exc:
            errors[f.name] = " ".join(exc.messages)
    for part, whole in rtype.parts:
        p, w = values.get(part), values.get(whole)
        if p is not None and w is not None and p > w:
            errors.setdefault(
                part,
                _("%(part)s cannot be more than %(whole)s.")
                % {"part": rtype.field(part).label, "whole": rtype.field(whole).label},
            )
    if rtype.check is not None and not errors:
        errors.update(rtype.check(unit, values, instance))
    return values, errors


def _bind(rtype: RecordType, obj, unit) -> None:
    if rtype.bind is not None:
        rtype.bind(obj, unit)
    else:
        obj.org_unit = unit


def _duplicate(rtype: RecordType, obj, values: dict) -> bool:
    if not rtype.unique:
        return False
    manager = rtype.model._default_manager
    lookup = {name: values[name] for name in rtype.unique}
    lookup[rtype.unit_field.split("__")[0]] = getattr(obj, rtype.unit_field.split("__")[0])
    return manager.filter(**lookup).exclude(pk=obj.pk).exists()


def _plain(value):
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, date):
        return format_date(value)
    return value


def save_record(*, actor, rtype: RecordType, unit, raw: dict, instance=None):
    """Create (instance None) or change a record of `unit` from the values a person gave
    (text as typed, or values of a sheet). All or nothing: RecordError names every wrong
    field and nothing is saved. Writes an audit entry with the changed fields."""
    if instance is not None and unit_of(rtype, instance).pk != unit.pk:
        raise RecordError(_("This record belongs to another unit."))
    if not may_record(actor, rtype, unit):
        raise RecordError(_("You may not record for this unit."))
    if instance is not None and rtype.refuse_edit is not None:
        refusal = rtype.refuse_edit(instance)
        if refusal:
            raise RecordError(refusal)
    values, errors = check_values(rtype, unit, raw, instance)
    if errors:
        raise RecordError(_("Some values are not valid; nothing was saved."), errors)
    obj = instance if instance is not None else rtype.model()
    changes = {}
    files = {}
    for f in rtype.fields:
        if f.kind == "file":
            value = values.pop(f.name)
            if value is not KEEP:
                files[f.name] = value
                changes[f.name] = [getattr(obj, f.file_name_field, ""), value[1].name]
    for name, value in values.items():
        old = getattr(obj, name, None) if instance is not None else None
        if instance is None or old != value:
            changes[name] = [_plain(old), _plain(value)]
        setattr(obj, name, value)
    if instance is None:
        _bind(rtype, obj, unit)
    if hasattr(obj, "updated_by_id"):
        obj.updated_by = actor
    if _duplicate(rtype, obj, values):
        names = ", ".join(str(rtype.field(n).label) for n in rtype.unique)
        raise RecordError(
            _("The unit already has such a record (same %(fields)s): change that one instead.")
            % {"fields": names}
        )
    with transaction.atomic():
        stored = []
        for name, (uploaded, checked) in files.items():
            setattr(obj, rtype.field(name).file_name_field, checked.name)
            getattr(obj, name).save(checked.name, uploaded, save=False)
            stored.append(getattr(obj, name))
        try:
            obj.save()
        except Exception:
            for file in stored:
                file.delete(save=False)
            raise
        record(
            actor=actor,
            action=f"{rtype.audit_name}.{'update' if instance is not None else 'create'}",
            obj=obj,
            org_unit=unit,
            changes=changes,
        )
        if rtype.after is not None:
            rtype.after(actor, unit, obj)
    return obj


def delete_record(*, actor, rtype: RecordType, obj) -> None:
    """Remove a record the actor records for; audited."""
    unit = unit_of(rtype, obj)
    if not may_record(actor, rtype, unit):
        raise RecordError(_("You may not record for this unit."))
    if rtype.refuse_edit is not None:
        refusal = rtype.refuse_edit(obj)
        if refusal:
            raise RecordError(refusal)
    with transaction.atomic():
        label = str(obj)
        pk = obj.pk
        obj.delete()
        obj.pk = pk
        record(
            actor=actor,
            action=f"{rtype.audit_name}.delete",
            obj=obj,
            org_unit=unit,
            changes={"record": label},
        )
        if rtype.after is not None:
            rtype.after(actor, unit, None)


# ---------------------------------------------------------------- reading


@dataclass
class Filters:
    unit: int | None = None
    year: int | None = None
    choice: str = ""


def filtered(user, rtype: RecordType, filters: Filters):
    qs = visible_records(user, rtype)
    unit_path = rtype.unit_field
    if filters.unit:
        qs = qs.filter(**{f"{unit_path}_id" if "__" not in unit_path else unit_path: filters.unit})
    if filters.year:
        lookup = rtype.year_field or f"{rtype.date_field}__year"
        qs = qs.filter(**{lookup: filters.year})
    if filters.choice and rtype.filter_field:
        qs = qs.filter(**{rtype.filter_field: filters.choice})
    return qs.select_related(*_related(rtype))


def _related(rtype: RecordType) -> list[str]:
    related = [rtype.unit_field]
    related += [f.name for f in rtype.fields if f.kind == "ref"]
    return related


def totals(qs, rtype: RecordType) -> dict[str, int]:
    """The sums of the count fields over `qs`, in the database."""
    if not rtype.count_fields:
        return {}
    sums = qs.order_by().aggregate(**{f.name: Sum(f.name) for f in rtype.count_fields})
    return {k: v or 0 for k, v in sums.items()}


def display(f: Field, obj) -> object:
    if f.kind == "file":
        return getattr(obj, f.file_name_field, "")
    value = getattr(obj, f.name)
    if f.kind == "choice":
        return getattr(obj, f"get_{f.name}_display")()
    if f.kind == "bool":
        return _("Yes") if value else _("No")
    if f.kind == "date":
        return format_date(value) if value else ""
    if value is None:
        return ""
    if f.kind == "int":
        return format_number(value)
    return str(value)


def initial_of(rtype: RecordType, obj) -> dict:
    """The values of a record as a form shows them."""
    out = {}
    for f in rtype.fields:
        if f.kind == "file":
            continue
        value = getattr(obj, f.name)
        if f.kind == "date":
            out[f.name] = format_date(value) if value else ""
        elif f.kind == "ref":
            out[f.name] = str(value.pk) if value is not None else ""
        elif value is None:
            out[f.name] = ""
        else:
            out[f.name] = value if f.kind in {"bool", "choice", "text"} else str(value)
    return out


# ---------------------------------------------------------------- forms


def record_form(rtype: RecordType, units, *, unit=None, data=None, files=None, initial=None):
    """A form of the record's fields; number and date fields are text (a phone keypad, the
    Vietnamese way of writing them) that `save_record` parses. `units` are the units the user
    records for; the choice is shown only for a new record of a user recording for several."""
    form = forms.Form(data=data, files=files, initial=initial)
    unit_list = list(units)
    if unit is None and len(unit_list) > 1:
        form.fields["unit"] = forms.ChoiceField(
            label=gettext_lazy("Unit"),
            choices=[("", "---------")] + [(str(u.pk), u.name) for u in unit_list],
        )
    unit_ids = [u.pk for u in ([unit] if unit is not None else unit_list)]
    for f in rtype.fields:
        attrs = {}
        if f.kind in {"int", "year"}:
            attrs = {"inputmode": "numeric", "autocomplete": "off"}
            widget = forms.TextInput(attrs=attrs)
        elif f.kind == "date":
            widget = forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})
        elif f.kind == "text" and (f.max_length or 0) > 300:
            widget = forms.Textarea(attrs={"rows": 3})
        else:
            widget = None
        if f.kind == "choice":
            field_obj = forms.ChoiceField(
                choices=[("", "---------")] + [(str(v), label) for v, label in f.choices]
            )
        elif f.kind == "ref":
            options = f.options(unit_ids) if f.options else []
            field_obj = forms.ChoiceField(choices=[("", "---------")] + list(options))
        elif f.kind == "bool":
            field_obj = forms.BooleanField()
        elif f.kind == "file":
            field_obj = forms.FileField(
                widget=forms.FileInput(
                    attrs={"accept": ",".join(f".{e}" for e in sorted(f.extensions))}
                )
            )
        else:
            field_obj = forms.CharField(widget=widget, strip=False)
        field_obj.label = f.label
        field_obj.required = False  # save_record says what is missing, in one place
        field_obj.help_text = f.help
        if f.required and f.kind != "bool":
            field_obj.widget.attrs["aria-required"] = "true"
        form.fields[f.name] = field_obj
    return form


def raw_from_post(rtype: RecordType, post, files=None) -> dict:
    raw = {}
    for f in rtype.fields:
        if f.kind == "file":
            raw[f.name] = (files or {}).get(f.name)
        elif f.kind == "bool":
            raw[f.name] = post.get(f.name) in {"on", "true", "1"}
        else:
            raw[f.name] = post.get(f.name, "")
    return raw


# ---------------------------------------------------------------- sheets


def sheet_fields(rtype: RecordType) -> list[Field]:
    return [f for f in rtype.fields if f.kind != "file"]


def sheet_spec(rtype: RecordType):
    from binhdang.core.sheets import Column, SheetSpec

    kinds = {"int": "int", "year": "int", "date": "date", "choice": "choice", "bool": "bool"}
    columns = [Column(key="unit", header="Đơn vị", kind="unit", required=True, width=32)]
    for f in sheet_fields(rtype):
        columns.append(
            Column(
                key=f.name,
                header=str(f.label)[:1].upper() + str(f.label)[1:],
                kind=kinds.get(f.kind, "text"),
                required=f.required and f.kind != "bool",
                choices=tuple((str(v), str(label)) for v, label in f.choices),
                width=f.width,
                help=str(f.help or ""),
                max_length=f.max_length,
            )
        )
    return SheetSpec(title=rtype.title, columns=tuple(columns))


def import_sheet(*, actor, rtype: RecordType, uploaded) -> int:
    """Every row of a filled template saved with `save_record`, all or nothing (raises
    `core.sheets.SheetRejected` with every row's error)."""
    from binhdang.core.sheets import import_rows

    units = record_units(actor, rtype)

    def save_row(row):
        unit = row["unit"]
        raw = {f.name: row.get(f.name) for f in sheet_fields(rtype)}
        try:
            save_record(actor=actor, rtype=rtype, unit=unit, raw=raw)
        except RecordError as exc:
            if exc.errors:
                raise ValidationError(exc.errors) from exc
            raise ValidationError(str(exc)) from exc

    return import_rows(sheet_spec(rtype), uploaded, units=units, save_row=save_row)


def export_sheet(user, rtype: RecordType, filters: Filters) -> bytes:
    from binhdang.core.sheets import export_rows

    def rows():
        for obj in filtered(user, rtype, filters).iterator(chunk_size=2000):
            row = {"unit": unit_of(rtype, obj).name}
            for f in sheet_fields(rtype):
                value = getattr(obj, f.name)
                if f.kind == "ref":
                    value = str(value) if value is not None else ""
                row[f.name] = value
            yield row

    return export_rows(sheet_spec(rtype), rows())


def template_sheet(user, rtype: RecordType) -> bytes:
    from binhdang.core.sheets import build_template

    return build_template(sheet_spec(rtype), units=list(record_units(user, rtype)))


def years_of(user, rtype: RecordType) -> list[int]:
    if rtype.year_field:
        qs = visible_records(user, rtype).order_by(f"-{rtype.year_field}")
        return list(qs.values_list(rtype.year_field, flat=True).distinct())
    qs = visible_records(user, rtype).dates(rtype.date_field, "year", order="DESC")
    return [d.year for d in qs]
