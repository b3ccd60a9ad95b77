from binhdang.core.registry import ReportSection

CFAW_SECTION = ReportSection(key="cfaw", title="Hoạt động của Ban vì sự tiến bộ của phụ nữ", order=63)
