from binhdang.indicators.models import DataValue


def stored(unit, code, option="total", year=2023):
    """The value stored for `unit`, element `code`, disaggregation `option` and `year`."""
    return (
        DataValue.objects.filter(
            org_unit=unit, element__code=code, disaggregation=option, year=year
        )
        .values_list("value", flat=True)
        .first()
    )
