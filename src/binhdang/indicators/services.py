"""Every change to indicator data: values (with their history), assessments, the catalogue."""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

from binhdang.accounts.permissions import INDICATOR_ASSESS, INDICATOR_ENTER
from binhdang.accounts.scoping import has_permission
from binhdang.audit.services import record

from .models import (
    Assessment,
    DataElement,
    DataValue,
    DataValueChange,
    Indicator,
    Source,
    ValidationRule,
)
from .validation import CheckResult, Key, check_values

log = logging.getLogger(__name__)


class IndicatorError(Exception):
    """A change that cannot be made; `str(exc)` is for the user. `result` holds field errors."""

    def __init__(self, message: str, result: CheckResult | None = None):
        super().__init__(message)
        self.result = result


def _write_values(
    *,
    actor,
    unit,
    year: int,
    clean: dict[Key, Decimal | None],
    elements: dict[str, DataElement],
    source: str,
    sub_period: str = "",
    blank_clears: bool = False,
) -> int:
    """Upsert values and write one DataValueChange per changed value. Returns the count."""
    existing = {
        (v.element_id, v.disaggregation): v
        for v in DataValue.objects.filter(
            org_unit=unit, year=year, sub_period=sub_period,
            element_id__in=[elements[c].pk for c, _o in clean],
        )
    }  # fmt: skip
    actor_obj = actor if getattr(actor, "is_authenticated", False) else None
    changes, creates, updates, deletes = [], [], [], []
    for (code, option), value in clean.items():
        element = elements[code]
        current = existing.get((element.pk, option))
        if value is None:
            if current is None or not blank_clears:
                continue
            deletes.append(current.pk)
            old, new = current.value, None
        elif current is None:
            creates.append(
                DataValue(
                    element=element, org_unit=unit, year=year, sub_period=sub_period,
                    disaggregation=option, value=value, source=source, updated_by=actor_obj,
                )
            )  # fmt: skip
            old, new = None, value
        elif current.value != value:
            old, new = current.value, value
            current.value, current.source, current.updated_by = value, source, actor_obj
            updates.append(current)
        else:
            continue
        changes.append(
            DataValueChange(
                element=element, org_unit=unit, year=year, sub_period=sub_period,
                disaggregation=option, old_value=old, new_value=new, source=source,
                changed_by=actor_obj,
            )
        )  # fmt: skip
    if deletes:
        DataValue.objects.filter(pk__in=deletes).delete()
    if creates:
        DataValue.objects.bulk_create(creates)
    for value in updates:
        value.save(update_fields=["value", "source", "updated_by", "updated_at"])
    if changes:
        DataValueChange.objects.bulk_create(changes)
    return len(changes)


def record_values(
    *,
    actor,
    unit,
    year: int,
    raw: dict[Key, object],
    source: str = Source.FORM,
    sub_period: str = "",
    blank_clears: bool = True,
    check_permission: bool = True,
) -> CheckResult:
    """Check and save the values of one unit for one year, all or nothing.

    `raw` maps (element code, option) -> the typed text or number. Raises IndicatorError (with
    `.result.errors` per key) when any value is wrong; nothing is saved then. On success returns
    the CheckResult, whose `.warnings` (outliers) the caller shows. Every change is kept in
    DataValueChange and one audit entry is written.
    """
    if check_permission and not has_permission(actor, INDICATOR_ENTER, unit):
        raise IndicatorError(_("You may not enter values for this unit."))
    elements = {e.code: e for e in DataElement.objects.all()}
    result = check_values(unit, year, raw, elements=elements, sub_period=sub_period)
    if not result.ok:
        raise IndicatorError(_("Some values are not valid; nothing was saved."), result)
    with transaction.atomic():
        _save_checked(actor, unit, year, result, elements, source, sub_period, blank_clears)
    return result


def _save_checked(actor, unit, year, result, elements, source, sub_period, blank_clears) -> int:
    count = _write_values(
        actor=actor, unit=unit, year=year, clean=result.clean, elements=elements,
        source=source, sub_period=sub_period, blank_clears=blank_clears,
    )  # fmt: skip
    if count:
        record(
            actor=actor,
            action="indicators.values_saved",
            org_unit=unit,
            changes={"year": year, "source": source, "changed": count},
        )
    return count


def record_values_from_submission(*, submission, actor) -> CheckResult | None:
    """Copy the numeric answers of an accepted report submission into the indicator values.

    Called by the reporting app when a submission is accepted. Reads defensively:
    `submission.org_unit`, the year from `submission.year`, `submission.period_year` or
    `submission.round.year` / `.reporting_round.year`, and the values from
    `submission.values` (a dict, a list of dicts or a related manager) whose items carry
    `data_element_code`, `disaggregation` (default "total") and `value`. Items without a data
    element code are ignored. Raises IndicatorError when a value is wrong (nothing saved);
    returns None when there is nothing to record.
    """
    unit = getattr(submission, "org_unit", None)
    year = _submission_year(submission)
    if unit is None or year is None:
        return None
    raw: dict[Key, object] = {}
    for item in _submission_items(submission):
        code = _get(item, "data_element_code") or _get(_get(item, "field"), "data_element_code")
        if not code:
            continue
        option = (
            _get(item, "disaggregation") or _get(_get(item, "field"), "disaggregation") or "total"
        )
        value = _get(item, "value")
        if value is None:
            value = _get(item, "number")
        raw[(str(code), str(option))] = value
    if not raw:
        return None
    return record_values(
        actor=actor, unit=unit, year=year, raw=raw, source=Source.SUBMISSION,
        sub_period=_submission_sub_period(submission), blank_clears=False,
        check_permission=False,
    )  # fmt: skip


def _submission_sub_period(submission) -> str:
    """ "" for a yearly round; "S1", "Q4", "12" (DHIS2 style) for a half-year, quarter, month."""
    holder = _get(submission, "round") or _get(submission, "reporting_round")
    kind, number = _get(holder, "period_type"), _get(holder, "period_number")
    if not number or kind in (None, "", "year"):
        return ""
    return {"half": f"S{number}", "quarter": f"Q{number}", "month": f"{int(number):02d}"}.get(
        kind, ""
    )


def _get(obj, name):
    if obj is None:
        return None
    if isinstance(obj, dict):
        return obj.get(name)
    return getattr(obj, name, None)


def _submission_year(submission) -> int | None:
    for holder, name in (
        (submission, "year"),
        (submission, "period_year"),
        (_get(submission, "round"), "year"),
        (_get(submission, "reporting_round"), "year"),
        (_get(submission, "round"), "period_year"),
        (_get(submission, "reporting_round"), "period_year"),
    ):
        value = _get(holder, name)
        if value:
            try:
                return int(value)
            except (TypeError, ValueError):
                continue
    return None


def _submission_items(submission) -> list:
    values = getattr(submission, "values", None)
    if values is None:
        return []
    if callable(values) and not hasattr(values, "all"):
        values = values()
    if hasattr(values, "all"):
        values = values.all()
        try:
            values = values.select_related("field")
        except Exception:  # noqa: BLE001 - no such relation on this model
            log.debug("submission values without a field relation")
    if isinstance(values, dict):
        out = []
        for key, value in values.items():
            if isinstance(value, dict):
                out.append({"data_element_code": key, **value})
            else:
                code, _sep, option = str(key).partition(":")
                out.append({"data_element_code": code, "disaggregation": option or "total",
                            "value": value})  # fmt: skip
        return out
    return list(values)


def assessment_save(
    *, actor, indicator: Indicator, unit, year: int, assessment: str, solutions: str
) -> Assessment:
    """Create or update the assessment of `indicator` by `unit` for `year`.

    Requires INDICATOR_ASSESS on the unit. Raises IndicatorError when the text is empty.
    """
    if not has_permission(actor, INDICATOR_ASSESS, unit):
        raise IndicatorError(_("You may not write assessments for this unit."))
    assessment = (assessment or "").strip()
    if not assessment:
        raise IndicatorError(_("Write the assessment."))
    with transaction.atomic():
        obj = (
            Assessment.objects.select_for_update()
            .filter(indicator=indicator, org_unit=unit, year=year)
            .first()
        )
        before = {} if obj is None else {"assessment": obj.assessment, "solutions": obj.solutions}
        if obj is None:
            obj = Assessment(indicator=indicator, org_unit=unit, year=year)
        obj.assessment, obj.solutions = assessment, (solutions or "").strip()
        obj.author = actor if getattr(actor, "is_authenticated", False) else None
        obj.save()
        record(
            actor=actor,
            action="indicators.assessment_saved",
            obj=obj,
            org_unit=unit,
            changes={
                k: [before.get(k), getattr(obj, k)]
                for k in ("assessment", "solutions")
                if before.get(k) != getattr(obj, k)
            },
        )
    return obj


def load_catalogue(*, reset: bool = False, models: dict | None = None) -> dict[str, int]:
    """Create the shipped data elements, indicators and rules that are missing (idempotent).

    Rows an administrator already has are left as they are, unless `reset`, which puts the
    shipped values back. Returns counts of created rows.
    """
    from .data.catalogue import ELEMENTS, INDICATORS, RULES

    # A migration passes its historical models; everything else uses the current ones.
    models = models or {}
    DataElement_ = models.get("DataElement", DataElement)
    Indicator_ = models.get("Indicator", Indicator)
    ValidationRule_ = models.get("ValidationRule", ValidationRule)
    created = {"elements": 0, "indicators": 0, "rules": 0}
    with transaction.atomic():
        elements = {}
        for order, (code, name, value_type, options, group) in enumerate(ELEMENTS, start=1):
            defaults = {"name": name, "value_type": value_type, "disaggregations": options,
                        "group": group, "order": order * 10}  # fmt: skip
            if reset:
                element, made = DataElement_.objects.update_or_create(code=code, defaults=defaults)
            else:
                element, made = DataElement_.objects.get_or_create(code=code, defaults=defaults)
            elements[code] = element
            created["elements"] += made
        for order, spec in enumerate(INDICATORS, start=1):
            data = dict(spec)
            code = data.pop("code")
            data["numerator"] = elements[data["numerator"]]
            data["denominator"] = elements[data["denominator"]] if data["denominator"] else None
            for name in ("target_2025", "target_2030", "baseline_value", "factor"):
                if data[name] is not None:
                    data[name] = Decimal(str(data[name]))
            data["order"] = order * 10
            if reset:
                _obj, made = Indicator_.objects.update_or_create(code=code, defaults=data)
            else:
                _obj, made = Indicator_.objects.get_or_create(code=code, defaults=data)
            created["indicators"] += made
        for left, left_option, op, right, right_option in RULES:
            _obj, made = ValidationRule_.objects.get_or_create(
                left=elements[left], left_disaggregation=left_option, operator=op,
                right=elements[right], right_disaggregation=right_option,
            )  # fmt: skip
            created["rules"] += made
    return created


@dataclass
class UploadOutcome:
    saved_units: list = field(default_factory=list)
    changed: int = 0
    warnings: list = field(default_factory=list)  # CellError-like, not blocking


def upload_values(*, actor, uploaded) -> UploadOutcome:
    """Save a filled Excel template, all or nothing.

    Raises UploadRejected (unsafe or absurd file) or IndicatorError whose `.result` is the list
    of CellError(sheet, cell, message) when any cell is wrong; then nothing is saved.
    """
    from binhdang.accounts.scoping import units_for

    from .excel import CellError, find_unit, read_upload

    parsed = read_upload(uploaded)
    errors = list(parsed.errors)
    allowed = units_for(actor, INDICATOR_ENTER)
    elements = {e.code: e for e in DataElement.objects.all()}
    batches = []
    for sheet in parsed.sheets:
        unit = find_unit(allowed, sheet.unit_key) if sheet.unit_key else None
        if sheet.unit_key and unit is None:
            errors.append(
                CellError(sheet.sheet, "B3", _("Unknown unit, or a unit you may not enter for."))
            )
        if unit is None or sheet.year is None:
            continue
        raw = {key: value for key, (value, _ref) in sheet.values.items()}
        result = check_values(unit, sheet.year, raw, elements=elements)
        refs = {key: ref for key, (_value, ref) in sheet.values.items()}
        for key, messages in result.errors.items():
            for message in messages:
                errors.append(CellError(sheet.sheet, refs.get(key, ""), message))
        batches.append((sheet, unit, result, refs))
    if errors:
        raise IndicatorError(_("The file has errors; nothing was saved."), errors)
    outcome = UploadOutcome()
    with transaction.atomic():
        for sheet, unit, result, refs in batches:
            outcome.changed += _save_checked(
                actor, unit, sheet.year, result, elements, Source.EXCEL, "", False
            )
            outcome.saved_units.append(unit)
            for key, messages in result.warnings.items():
                for message in messages:
                    outcome.warnings.append(CellError(sheet.sheet, refs.get(key, ""), message))
    return outcome
