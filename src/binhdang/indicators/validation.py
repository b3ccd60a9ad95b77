"""Reading numbers the way officers type them, and the rules every entered value must pass.

Used by the entry form, the Excel upload, the API and report submissions, so a value is checked
the same way whichever road it came in by.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from binhdang.formats import numbers
from binhdang.formats.numbers import NumberError

from .models import PART_OF, DataElement, DataValue, ValidationRule, ValueType

Key = tuple[str, str]  # (element code, disaggregation option)

YES = {"1", "có", "co", "yes", "y", "x", "true", "đạt", "dat"}
NO = {"0", "không", "khong", "no", "n", "false", "chưa", "chua"}


def parse_number(raw, value_type: str = ValueType.DECIMAL) -> Decimal | None:
    """A Decimal from a cell or a form field; None when blank.

    Numbers follow the one rule of `binhdang.formats.numbers` ("1.234", "1.234,5", "50,9%");
    a yes/no element also takes "có"/"không", "1"/"0". Raises NumberError with a message.
    """
    if value_type == ValueType.YES_NO and isinstance(raw, str) and raw.strip():
        folded = raw.strip().lower()
        if folded in YES:
            return Decimal(1)
        if folded in NO:
            return Decimal(0)
        raise NumberError(_("Enter 1 (yes) or 0 (no)."))
    return numbers.parse_number(
        raw,
        integer=value_type in (ValueType.INTEGER, ValueType.YES_NO),
        percent=value_type == ValueType.PERCENT,
    )


def type_errors(element: DataElement, value: Decimal) -> list[str]:
    errors = []
    if value < 0:
        errors.append(_("The value cannot be negative."))
    if element.value_type == ValueType.INTEGER and value != value.to_integral_value():
        errors.append(_("A count must be a whole number."))
    if element.value_type == ValueType.PERCENT and not (0 <= value <= 100):
        errors.append(_("A percentage must be between 0 and 100."))
    if element.value_type == ValueType.YES_NO and value not in (0, 1):
        errors.append(_("Enter 1 (yes) or 0 (no)."))
    return errors


OPERATOR_TEXT = {"<=": "≤", "<": "<", ">=": "≥", ">": ">", "=": "="}


def _holds(left: Decimal, op: str, right: Decimal) -> bool:
    return {
        "<=": left <= right,
        "<": left < right,
        ">=": left >= right,
        ">": left > right,
        "=": left == right,
    }[op]


@dataclass
class CheckResult:
    clean: dict[Key, Decimal | None] = field(default_factory=dict)
    errors: dict[Key, list[str]] = field(default_factory=dict)
    warnings: dict[Key, list[str]] = field(default_factory=dict)

    def add_error(self, key: Key, message: str) -> None:
        self.errors.setdefault(key, []).append(message)

    @property
    def ok(self) -> bool:
        return not self.errors


def check_values(
    unit,
    year: int,
    raw: dict[Key, object],
    *,
    elements: dict[str, DataElement] | None = None,
    sub_period: str = "",
) -> CheckResult:
    """Parse and check `raw` values of `unit` for `year`.

    Errors (which block saving): not a number, wrong type, a part above its whole (female >
    total), a cross-field rule broken. The rules see the submitted values over the values already
    stored for the unit and year. Warnings (which do not block): a value far from the unit's
    earlier years. A blank value is None in `clean` (the caller decides what blank means).
    """
    elements = elements or {e.code: e for e in DataElement.objects.all()}
    result = CheckResult()
    for key, text in raw.items():
        code, option = key
        element = elements.get(code)
        if element is None:
            result.add_error(key, _("Unknown data element “%(code)s”.") % {"code": code})
            continue
        if option not in element.options:
            result.add_error(
                key,
                _("“%(option)s” is not a disaggregation of this data element.")
                % {"option": option},
            )
            continue
        try:
            value = parse_number(text, element.value_type)
        except NumberError as exc:
            result.add_error(key, exc.message)
            continue
        if value is not None:
            for message in type_errors(element, value):
                result.add_error(key, message)
        result.clean[key] = value
    if result.errors:
        return result

    by_id = {e.pk: e for e in elements.values()}
    stored: dict[Key, Decimal] = {}
    for element_id, option, value in DataValue.objects.filter(
        org_unit=unit, year=year, sub_period=sub_period
    ).values_list("element_id", "disaggregation", "value"):
        if element_id in by_id:
            stored[(by_id[element_id].code, option)] = value
    effective = {**stored, **result.clean}
    effective = {k: v for k, v in effective.items() if v is not None}
    submitted = set(result.clean)

    # A part never exceeds its whole.
    for (code, option), value in effective.items():
        for whole in PART_OF.get(option, ()):
            whole_value = effective.get((code, whole))
            if whole_value is not None and value > whole_value:
                key = (code, option) if (code, option) in submitted else (code, whole)
                if key in submitted:
                    result.add_error(
                        key,
                        _("%(part)s (%(value)s) cannot exceed %(whole)s (%(whole_value)s).")
                        % {
                            "part": _label(option),
                            "value": _fmt(value),
                            "whole": _label(whole).lower(),
                            "whole_value": _fmt(whole_value),
                        },
                    )
    for rule in ValidationRule.objects.select_related("left", "right"):
        left_key = (rule.left.code, rule.left_disaggregation)
        right_key = (rule.right.code, rule.right_disaggregation)
        if left_key not in submitted and right_key not in submitted:
            continue
        left, right = effective.get(left_key), effective.get(right_key)
        if left is None or right is None or _holds(left, rule.operator, right):
            continue
        message = rule.message or _(
            "“%(left)s” (%(left_value)s) must be %(op)s “%(right)s” (%(right_value)s)."
        ) % {
            "left": rule.left.name,
            "left_value": _fmt(left),
            "op": OPERATOR_TEXT.get(rule.operator, rule.operator),
            "right": rule.right.name,
            "right_value": _fmt(right),
        }
        result.add_error(left_key if left_key in submitted else right_key, message)
    if result.errors:
        return result

    _outliers(unit, year, result, elements, sub_period)
    return result


def _label(option: str) -> str:
    from .models import disaggregation_label

    return disaggregation_label(option)


def _fmt(value: Decimal) -> str:
    from django.utils.formats import number_format

    value = value.normalize() if value == value.to_integral_value() else value
    return number_format(value, use_l10n=True, force_grouping=True)


def _outliers(unit, year, result: CheckResult, elements, sub_period: str) -> None:
    """Warn when a value is far from the unit's earlier years: more than double or less than
    half their mean, and at least 10 apart (small counts swing naturally)."""
    keys = [k for k, v in result.clean.items() if v is not None]
    if not keys:
        return
    ids = {elements[c].pk: c for c, _o in keys}
    history: dict[Key, list[Decimal]] = {}
    for element_id, option, value in DataValue.objects.filter(
        org_unit=unit, year__lt=year, year__gte=year - 5, sub_period=sub_period,
        element_id__in=list(ids),
    ).values_list("element_id", "disaggregation", "value"):  # fmt: skip
        history.setdefault((ids[element_id], option), []).append(value)
    for key in keys:
        earlier = history.get(key)
        if not earlier:
            continue
        mean = sum(earlier) / len(earlier)
        value = result.clean[key]
        if abs(value - mean) < 10:
            continue
        if value > mean * 2 or value < mean / 2:
            result.warnings.setdefault(key, []).append(
                _(
                    "This value is far from the unit's earlier years (average %(mean)s). "
                    "Please check it; it was accepted."
                )
                % {"mean": _fmt(mean.quantize(Decimal("0.1")))}
            )
