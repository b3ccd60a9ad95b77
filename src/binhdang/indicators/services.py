"""Every change to indicator data: values (with their history), assessments, the catalogue."""

import logging
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _

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
from .permissions import INDICATOR_ASSESS, INDICATOR_ENTER
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


def record_computed_values(*, actor, unit, year: int) -> CheckResult:
    """The unit confirms the values computed from its programme records for `year`
    (`computed.computed_values`): checked and saved like typed values, with the source
    "computed from programme records". Values the records do not give are left as they are."""
    from .computed import computed_values

    computed = computed_values(unit, year)
    if not computed:
        raise IndicatorError(_("No value is computed from this unit's records for this year."))
    raw = {key: c.value for key, c in computed.items()}
    return record_values(
        actor=actor, unit=unit, year=year, raw=raw, source=Source.RECORDS, blank_clears=False
    )


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
    """Copy the numbers of an accepted report (`reporting.Submission`) into the indicator
    values of its unit: each value whose form field is linked to a data element
    (`NumericField.data_element_code`, `disaggregation`, "total" when blank), for the round's
    year and sub-period. Raises IndicatorError when a value is wrong (nothing saved); returns
    None when no field of the round is linked to a data element."""
    raw: dict[Key, object] = {
        (value.field.data_element_code, value.field.disaggregation or "total"): value.value
        for value in submission.values.select_related("field").exclude(field__data_element_code="")
    }
    if not raw:
        return None
    reporting_round = submission.round
    return record_values(
        actor=actor, unit=submission.org_unit, year=reporting_round.period_year, raw=raw,
        source=Source.SUBMISSION, sub_period=_sub_period(reporting_round), blank_clears=False,
        check_permission=False,
    )  # fmt: skip


def _sub_period(reporting_round) -> str:
    """ "" for a yearly round; "S1", "Q4", "12" (DHIS2 style) for a half-year, quarter, month."""
    number = reporting_round.period_number
    if not number or reporting_round.period_type == "year":
        return ""
    return {"half": f"S{number}", "quarter": f"Q{number}", "month": f"{int(number):02d}"}.get(
        reporting_round.period_type, ""
    )


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
        # A migration's historical model may not have every shipped field yet.
        indicator_fields = {f.name for f in Indicator_._meta.get_fields()}
        for order, spec in enumerate(INDICATORS, start=1):
            data = {k: v for k, v in spec.items() if k in indicator_fields or k == "code"}
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
    sheet_of_unit: dict[int, str] = {}
    for sheet in parsed.sheets:
        unit = find_unit(allowed, sheet.unit_key) if sheet.unit_key else None
        if sheet.unit_key and unit is None:
            errors.append(
                CellError(
                    sheet.sheet, sheet.key_ref, _("Unknown unit, or a unit you may not enter for.")
                )
            )
        if unit is not None and unit.pk in sheet_of_unit:
            # Two sheets of one unit (a hidden copy, a sheet duplicated to try figures): which
            # one is meant cannot be known, so neither is taken.
            errors.append(
                CellError(
                    sheet.sheet,
                    sheet.key_ref,
                    _(
                        "%(unit)s is on two sheets, “%(first)s” and “%(second)s”%(hidden)s. Each "
                        "unit may appear on one sheet only: delete one of the two and upload "
                        "again."
                    )
                    % {
                        "unit": unit.name,
                        "first": sheet_of_unit[unit.pk],
                        "second": sheet.sheet,
                        "hidden": _(" (a hidden sheet)") if sheet.hidden else "",
                    },
                )
            )
            continue
        if unit is not None:
            sheet_of_unit[unit.pk] = sheet.sheet
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
