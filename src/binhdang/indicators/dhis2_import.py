"""Importing a DHIS2 dataValueSets file (JSON or CSV): a dry run lists every row's outcome
(new, changed, unchanged, or refused with the reason), and applying it writes the values
through `services.record_values` (the same checks, history and audit as the entry form), all
or nothing: one refused row and nothing is applied.

Identifiers are read through the editable mapping tables (`Dhis2DataElementMap`,
`Dhis2OptionComboMap`, `Dhis2OrgUnitMap`), then as our own codes, which is what
`exports.dhis2_data_value_set` writes, so an exported file reads back unchanged.

Values are read as DHIS2 writes them: a point for decimals and no thousands separator
("1234", "12.5", "-3", "1.5E3"), "true"/"false" for yes/no elements, JSON numbers as they are.
So "1.234" is one point two three four (refused for a count, which must be whole) and "12,5" is
refused: DHIS2 never writes a comma, and guessing whether it meant 12.5 or 125 is not ours to do.
"""

import csv
import hashlib
import io
import json
import re
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.accounts.scoping import has_permission, units_for, visible
from binhdang.audit.services import record
from binhdang.formats.numbers import parse_id
from binhdang.formats.text import nfc
from binhdang.orgunits.models import OrgUnit

from . import services
from .models import (
    DISAGGREGATIONS,
    DataElement,
    DataValue,
    Dhis2DataElementMap,
    Dhis2Import,
    Dhis2OptionComboMap,
    Dhis2OrgUnitMap,
    Source,
    ValueType,
)
from .permissions import INDICATOR_ENTER, INDICATOR_MANAGE
from .validation import parse_number, type_errors

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
# DHIS2's own default category option combo: the value is the total.
DEFAULT_COMBOS = {"", "default", "hllvx50cxc0"}
DHIS2_NUMBER = re.compile(r"^-?\d+(\.\d+)?([eE][-+]?\d+)?$")
PERIOD = re.compile(r"^(\d{4})(S[12]|Q[1-4]|0[1-9]|1[0-2])?$")
TRUE, FALSE = {"true"}, {"false"}

NEW, CHANGED, UNCHANGED, REFUSED = "new", "changed", "unchanged", "refused"
OUTCOME_LABELS = {
    NEW: gettext_lazy("New"),
    CHANGED: gettext_lazy("Changed"),
    UNCHANGED: gettext_lazy("Unchanged"),
    REFUSED: gettext_lazy("Refused"),
}

CSV_COLUMNS = {
    "dataelement": "dataElement",
    "period": "period",
    "orgunit": "orgUnit",
    "categoryoptioncombo": "categoryOptionCombo",
    "catoptcombo": "categoryOptionCombo",
    "attributeoptioncombo": "attributeOptionCombo",
    "attroptcombo": "attributeOptionCombo",
    "value": "value",
    "storedby": "storedBy",
    "lastupdated": "lastUpdated",
    "comment": "comment",
    "followup": "followup",
    "deleted": "deleted",
}
# A file without a header row has DHIS2's column order.
CSV_ORDER = [
    "dataElement",
    "period",
    "orgUnit",
    "categoryOptionCombo",
    "attributeOptionCombo",
    "value",
    "storedBy",
    "lastUpdated",
    "comment",
    "followup",
    "deleted",
]


class Dhis2FileError(Exception):
    """The file cannot be read at all; `str(exc)` is for the user."""


class Dhis2Refused(Exception):
    """At least one row is refused; nothing was applied. `preview` lists every row."""

    def __init__(self, preview: "Preview"):
        super().__init__(_("Some rows are refused; nothing was imported."))
        self.preview = preview


@dataclass
class Row:
    number: int  # 1-based: the row of the CSV (after its header) or the index in dataValues
    data_element: str
    period: str
    org_unit: str
    combo: str
    value: str
    attribute: str = ""
    outcome: str = ""
    note: str = ""  # a warning that does not block (a value far from earlier years)
    reason: str = ""
    element: DataElement | None = None
    unit: OrgUnit | None = None
    disaggregation: str = ""
    year: int | None = None
    sub_period: str = ""
    parsed: Decimal | None = None
    old: Decimal | None = None

    @property
    def outcome_label(self) -> str:
        return str(OUTCOME_LABELS.get(self.outcome, self.outcome))

    def refuse(self, reason: str) -> None:
        if self.outcome != REFUSED:
            self.outcome, self.reason = REFUSED, reason


@dataclass
class Preview:
    rows: list[Row] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(OUTCOME_LABELS, 0)
        for row in self.rows:
            counts[row.outcome] = counts.get(row.outcome, 0) + 1
        return counts

    @property
    def ok(self) -> bool:
        return bool(self.rows) and all(r.outcome != REFUSED for r in self.rows)


# ---------------------------------------------------------------- reading the file


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return nfc(str(value)).strip()


def _read_json(text: str) -> list[dict]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Dhis2FileError(
            _("The file is not valid JSON (line %(line)s).") % {"line": exc.lineno}
        ) from exc
    if not isinstance(payload, dict) or not isinstance(payload.get("dataValues"), list):
        raise Dhis2FileError(_('The JSON file has no "dataValues" list.'))
    defaults = {k: payload.get(k) for k in ("period", "orgUnit", "attributeOptionCombo")}
    rows = []
    for item in payload["dataValues"]:
        if not isinstance(item, dict):
            item = {}
        rows.append({**{k: v for k, v in defaults.items() if v is not None}, **item})
    return rows


def _read_csv(text: str) -> list[dict]:
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    reader = [r for r in reader if any(c.strip() for c in r)]
    if not reader:
        return []
    header = [c.strip().lower().replace("_", "").replace(" ", "") for c in reader[0]]
    if "dataelement" in header and "value" in header:
        columns = [CSV_COLUMNS.get(h, h) for h in header]
        body = reader[1:]
    else:
        columns = CSV_ORDER
        body = reader
    return [dict(zip(columns, r, strict=False)) for r in body]


def read_file(content: bytes, filename: str) -> tuple[str, list[dict]]:
    """(format, raw rows) of an uploaded file; Dhis2FileError when it cannot be read."""
    if not content:
        raise Dhis2FileError(_("The file is empty."))
    if len(content) > MAX_BYTES:
        raise Dhis2FileError(
            _("The file is too large (at most %(mb)s MB).") % {"mb": MAX_BYTES // 1048576}
        )
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Dhis2FileError(_("The file is not UTF-8 text.")) from exc
    stripped = text.lstrip()
    if filename.lower().endswith(".json") or stripped.startswith(("{", "[")):
        fmt, rows = Dhis2Import.Format.JSON, _read_json(text)
    elif filename.lower().endswith(".csv") or "," in text or ";" in text:
        fmt, rows = Dhis2Import.Format.CSV, _read_csv(text)
    else:
        raise Dhis2FileError(_("Upload a dataValueSets file in JSON or CSV."))
    if not rows:
        raise Dhis2FileError(_("The file has no data values."))
    if len(rows) > MAX_ROWS:
        raise Dhis2FileError(
            _("The file has too many rows (at most %(n)s).")
            % {"n": f"{MAX_ROWS:,}".replace(",", ".")}
        )
    return fmt, rows


# ---------------------------------------------------------------- mapping and checking


def dhis2_number(raw: str, value_type: str) -> Decimal:
    """A value as DHIS2 writes it; ValueError with the message for the user."""
    if value_type == ValueType.YES_NO and raw.lower() in TRUE | FALSE:
        return Decimal(1 if raw.lower() in TRUE else 0)
    if not DHIS2_NUMBER.match(raw):
        if re.match(r"^-?\d+,\d+$", raw):
            raise ValueError(
                _(
                    "“%(value)s” has a comma: DHIS2 writes decimals with a point (12.5), so the value is not guessed."
                )
                % {"value": raw}
            )
        raise ValueError(_("“%(value)s” is not a number as DHIS2 writes it.") % {"value": raw})
    try:
        return Decimal(raw)
    except InvalidOperation as exc:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw}) from exc


class _Maps:
    def __init__(self, actor):
        self.elements = {e.code: e for e in DataElement.objects.all()}
        by_pk = {e.pk: e for e in self.elements.values()}
        self.element_map = {
            m.dhis2_id.lower(): by_pk.get(m.element_id) for m in Dhis2DataElementMap.objects.all()
        }
        self.combo_map = {
            m.dhis2_id.lower(): m.disaggregation for m in Dhis2OptionComboMap.objects.all()
        }
        self.unit_map = dict(Dhis2OrgUnitMap.objects.values_list("dhis2_id", "org_unit_id"))
        self.unit_map = {k.lower(): v for k, v in self.unit_map.items()}
        self.allowed = units_for(actor, INDICATOR_ENTER)
        self._units: dict[str, OrgUnit | None] = {}

    def element(self, key: str) -> DataElement | None:
        return self.element_map.get(key.lower()) or self.elements.get(key)

    def combo(self, key: str) -> str | None:
        folded = key.lower()
        if folded in self.combo_map:
            return self.combo_map[folded]
        if folded in DEFAULT_COMBOS:
            return "total"
        return key if key in DISAGGREGATIONS else None

    def unit(self, key: str) -> OrgUnit | None:
        if key not in self._units:
            unit_id = self.unit_map.get(key.lower())
            if unit_id is not None:
                unit = self.allowed.filter(pk=unit_id).first()
            elif key.startswith("ID") and parse_id(key[2:]) is not None:
                unit = self.allowed.filter(pk=parse_id(key[2:])).first()
            else:
                unit = (
                    self.allowed.filter(code=key).first()
                    or self.allowed.filter(external_id=key).first()
                    if key
                    else None
                )
            self._units[key] = unit
        return self._units[key]


def _map_row(row: Row, maps: _Maps) -> None:
    row.element = maps.element(row.data_element)
    if row.element is None:
        row.refuse(_("Unknown data element “%(id)s”.") % {"id": row.data_element})
        return
    match = PERIOD.match(row.period)
    if not match:
        row.refuse(
            _(
                "Unknown period “%(p)s” (a year 2023, a half 2023S1, a quarter 2023Q4 or a month 202312)."
            )
            % {"p": row.period}
        )
        return
    row.year, row.sub_period = int(match.group(1)), match.group(2) or ""
    if not 2000 <= row.year <= 2100:
        row.refuse(_("Unknown period “%(p)s”.") % {"p": row.period})
        return
    row.unit = maps.unit(row.org_unit)
    if row.unit is None:
        row.refuse(
            _("Unknown unit “%(id)s”, or a unit you may not enter values for.")
            % {"id": row.org_unit}
        )
        return
    if row.attribute.lower() not in DEFAULT_COMBOS:
        row.refuse(
            _("Attribute option combo “%(id)s”: only DHIS2's default is imported.")
            % {"id": row.attribute}
        )
        return
    disaggregation = maps.combo(row.combo)
    if disaggregation is None or disaggregation not in row.element.options:
        row.refuse(
            _("Unknown category option combo “%(id)s” for this data element.") % {"id": row.combo}
        )
        return
    row.disaggregation = disaggregation
    if row.value == "":
        row.refuse(_("The value is empty."))
        return
    try:
        row.parsed = dhis2_number(row.value, row.element.value_type)
        row.parsed = parse_number(row.parsed, row.element.value_type)
    except ValueError as exc:  # NumberError too
        row.refuse(str(exc))
        return
    problems = type_errors(row.element, row.parsed)
    if problems:
        row.refuse(" ".join(str(p) for p in problems))


def preview(actor, raw_rows: list[dict]) -> Preview:
    """Every row's outcome, nothing written. The values are checked by the indicators'
    own rules (`validation.check_values`, as on saving), per unit and period."""
    from .validation import check_values

    maps = _Maps(actor)
    result = Preview()
    seen: dict[tuple, int] = {}
    for number, item in enumerate(raw_rows, start=1):
        row = Row(
            number=number,
            data_element=_text(item.get("dataElement")),
            period=_text(item.get("period")),
            org_unit=_text(item.get("orgUnit")),
            combo=_text(item.get("categoryOptionCombo")),
            value=_text(item.get("value")),
            attribute=_text(item.get("attributeOptionCombo")),
        )
        result.rows.append(row)
        if _text(item.get("deleted")).lower() == "true":
            row.refuse(_("A deletion; deletions are not imported."))
            continue
        _map_row(row, maps)
        if row.outcome == REFUSED:
            continue
        key = (row.element.pk, row.unit.pk, row.year, row.sub_period, row.disaggregation)
        if key in seen:
            row.refuse(_("The same value is already on row %(n)s.") % {"n": seen[key]})
            continue
        seen[key] = number

    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in result.rows:
        if row.outcome != REFUSED:
            groups[(row.unit.pk, row.year, row.sub_period)].append(row)
    for (_unit_id, year, sub_period), rows in groups.items():
        unit = rows[0].unit
        raw = {(r.element.code, r.disaggregation): r.parsed for r in rows}
        checked = check_values(unit, year, raw, elements=maps.elements, sub_period=sub_period)
        stored = {
            (element_id, option): value
            for element_id, option, value in DataValue.objects.filter(
                org_unit=unit, year=year, sub_period=sub_period
            ).values_list("element_id", "disaggregation", "value")
        }
        for r in rows:
            errors = checked.errors.get((r.element.code, r.disaggregation))
            if errors:
                r.refuse(" ".join(str(e) for e in errors))
                continue
            r.note = " ".join(
                str(w) for w in checked.warnings.get((r.element.code, r.disaggregation), [])
            )
            r.old = stored.get((r.element.pk, r.disaggregation))
            if r.old is None:
                r.outcome = NEW
            elif r.old != r.parsed:
                r.outcome = CHANGED
            else:
                r.outcome = UNCHANGED
    return result


# ---------------------------------------------------------------- the two steps


def import_check(*, actor, uploaded) -> tuple[Dhis2Import, Preview]:
    """The dry run: read and check the file, keep it for applying; nothing else is written."""
    content = uploaded.read(MAX_BYTES + 1)
    filename = nfc(getattr(uploaded, "name", "") or "dataValueSets")[:300]
    fmt, rows = read_file(content, filename)
    result = preview(actor, rows)
    with transaction.atomic():
        batch = Dhis2Import.objects.create(
            created_by=actor,
            filename=filename,
            format=fmt,
            sha256=hashlib.sha256(content).hexdigest(),
            content=content.decode("utf-8-sig"),
            rows=len(rows),
        )
        record(
            actor=actor,
            action="indicators.dhis2_checked",
            obj=batch,
            changes={"file": filename, "rows": len(rows), **result.counts},
        )
    return batch, result


def import_preview(*, actor, batch: Dhis2Import) -> Preview:
    _fmt, rows = read_file(batch.content.encode("utf-8"), batch.filename)
    return preview(actor, rows)


def import_apply(*, actor, batch: Dhis2Import) -> Preview:
    """Check the stored file again (the data may have changed since the dry run) and write
    every new or changed value, all or nothing. Raises Dhis2Refused (nothing written)."""
    if batch.applied_at is not None:
        raise Dhis2FileError(_("This file has already been imported."))
    result = import_preview(actor=actor, batch=batch)
    if not result.ok:
        raise Dhis2Refused(result)
    groups: dict[tuple, list[Row]] = defaultdict(list)
    for row in result.rows:
        if row.outcome in (NEW, CHANGED):
            groups[(row.unit.pk, row.year, row.sub_period)].append(row)
    try:
        with transaction.atomic():
            locked = Dhis2Import.objects.select_for_update().get(pk=batch.pk)
            if locked.applied_at is not None:
                raise Dhis2FileError(_("This file has already been imported."))
            for (_unit_id, year, sub_period), rows in groups.items():
                services.record_values(
                    actor=actor,
                    unit=rows[0].unit,
                    year=year,
                    raw={(r.element.code, r.disaggregation): r.parsed for r in rows},
                    source=Source.DHIS2,
                    sub_period=sub_period,
                    blank_clears=False,
                )
            changed = sum(len(rows) for rows in groups.values())
            locked.applied_at, locked.changed = timezone.now(), changed
            locked.save(update_fields=["applied_at", "changed"])
            record(
                actor=actor,
                action="indicators.dhis2_applied",
                obj=locked,
                changes={"file": locked.filename, "changed": changed, **result.counts},
            )
    except services.IndicatorError as exc:
        for row in result.rows:
            if row.outcome in (NEW, CHANGED):
                row.refuse(str(exc))
        raise Dhis2Refused(result) from exc
    batch.applied_at, batch.changed = locked.applied_at, locked.changed
    return result


# ---------------------------------------------------------------- the mapping tables


MAPPING_MODELS = {
    "element": Dhis2DataElementMap,
    "combo": Dhis2OptionComboMap,
    "unit": Dhis2OrgUnitMap,
}


def mapping_add(*, actor, kind: str, dhis2_id: str, target) -> object:
    """Add one mapping row: `target` is a DataElement, a disaggregation code or an OrgUnit
    (already checked by the caller against what the actor may map)."""
    dhis2_id = nfc(dhis2_id or "").strip()
    if not dhis2_id or len(dhis2_id) > 64 or any(c.isspace() for c in dhis2_id):
        raise Dhis2FileError(_("Enter the DHIS2 identifier (a UID or a code, without spaces)."))
    model = MAPPING_MODELS[kind]
    if model.objects.filter(dhis2_id__iexact=dhis2_id).exists():
        raise Dhis2FileError(_("“%(id)s” is already mapped.") % {"id": dhis2_id})
    fields = {"element": "element", "combo": "disaggregation", "unit": "org_unit"}
    with transaction.atomic():
        row = model.objects.create(dhis2_id=dhis2_id, **{fields[kind]: target})
        record(
            actor=actor,
            action="indicators.dhis2_mapping_added",
            obj=row,
            org_unit=target if kind == "unit" else None,
            changes={"kind": kind, "dhis2_id": dhis2_id, "to": str(row)},
        )
    return row


def mapping_remove(*, actor, row) -> None:
    with transaction.atomic():
        record(
            actor=actor,
            action="indicators.dhis2_mapping_removed",
            obj=row,
            org_unit=getattr(row, "org_unit", None),
            changes={"dhis2_id": row.dhis2_id, "was": str(row)},
        )
        row.delete()


# ---------------------------------------------------------------- reads, given the user


def may_import(user) -> bool:
    return has_permission(user, INDICATOR_ENTER)


def may_map(user) -> bool:
    return has_permission(user, INDICATOR_MANAGE)


def batch_for(user, pk) -> Dhis2Import:
    """A file the user uploaded (nobody else's); 404 otherwise."""
    from django.http import Http404

    pk = parse_id(pk)
    batch = (
        Dhis2Import.objects.filter(created_by=user, pk=pk).first()
        if pk is not None and user.is_authenticated
        else None
    )
    if batch is None or not may_import(user):
        raise Http404
    return batch


def mappings_for(user) -> dict[str, list]:
    return {
        "element": list(Dhis2DataElementMap.objects.select_related("element")),
        "combo": list(Dhis2OptionComboMap.objects.all()),
        "unit": list(
            visible(user, INDICATOR_MANAGE, Dhis2OrgUnitMap.objects.select_related("org_unit"))
        ),
    }


def mapping_for(user, kind: str, pk):
    """A mapping row the user may remove; 404 otherwise."""
    from django.http import Http404

    model = MAPPING_MODELS.get(kind)
    pk = parse_id(pk)
    if model is None or pk is None or not may_map(user):
        raise Http404
    qs = model.objects.filter(pk=pk)
    if kind == "unit":
        qs = visible(user, INDICATOR_MANAGE, qs)
    row = qs.first()
    if row is None:
        raise Http404
    return row


def mappable_units(user):
    return units_for(user, INDICATOR_MANAGE)


def mapping_target(user, kind: str, value):
    """The DataElement, disaggregation code or OrgUnit `value` names, or None."""
    value = _text(value)
    if kind == "element":
        return DataElement.objects.filter(code=value).first()
    if kind == "combo":
        return value if value in DISAGGREGATIONS else None
    if kind == "unit" and value:
        units = mappable_units(user)
        return units.filter(code=value).first() or units.filter(name=value).first()
    return None


def element_choices():
    return list(DataElement.objects.filter(is_active=True).order_by("order", "code"))
