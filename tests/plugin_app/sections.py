from binhdang.core.registry import ReportPart, ReportSection


def for_unit(submission) -> ReportPart:
    return ReportPart([f"{submission.org_unit.name} đã thăm 12 hộ gia đình."])


def consolidated(report, *, user, with_charts: bool) -> ReportPart:
    return ReportPart([f"Các đơn vị của {report.round.owner_unit.name} đã thăm 40 hộ gia đình."])


VISITS_SECTION = ReportSection(
    key="field-visits",
    title="Kết quả thăm hộ gia đình",
    order=60,
    build_for_unit=for_unit,
    build_consolidated=consolidated,
)
