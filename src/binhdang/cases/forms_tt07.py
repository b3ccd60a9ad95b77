"""The annual domestic-violence report forms of Thông tư 07/2017/TT-BVHTTDL (29/12/2017, in
force 01/3/2018: "Quy định việc thu thập, báo cáo thông tin về gia đình và phòng, chống bạo
lực gia đình"), the part the case records can fill: cases; form of violence; perpetrators by
sex; victims by sex and age (under 16, 16-59, 60 and over, the Circular's bands); cases
handled; measures applied to the perpetrator; support to the victim. One form per level
(commune, district, province), each shipped as an editable workbook in cases/data/report_forms/.

A template is an .xlsx whose cells hold placeholders such as ``{{so_vu}}``. A standing office
may upload its own layout (a new version; a reset returns to the shipped one); the system
fills the nearest version on the chosen unit or above it. An upload must carry every count
placeholder of its form and no unknown one.

Who sees true counts: the commune's own office (a member placed on the commune itself with
the statistics permission) gets its exact counts for its statutory report. Anything that
leaves the commune (a district's or province's form, or a commune's form drawn by an office
above it) is suppressed like every published table (statistics.suppress): cells under 5,
with complementary cells where a group adds up to its total.

The shipped files are written by `write_shipped()`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.audit.services import record
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.cells import safe_cell_text
from binhdang.formats.dates import date_line
from binhdang.formats.numbers import format_number
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, Kind, OrgUnit

from . import statistics
from .models import (
    Case,
    Incident,
    LegalFrame,
    Measure,
    MeasureKind,
    MeasureState,
    ReportFormTemplate,
    Sex,
    ViolenceForm,
)

SHIPPED_DIR = Path(__file__).resolve().parent / "data" / "report_forms"
MAX_TEMPLATE_BYTES = 2 * 1024 * 1024
PLACEHOLDER = re.compile(r"\{\{\s*([^{}]*?)\s*\}\}")
CIRCULAR = (
    "Thông tư số 07/2017/TT-BVHTTDL ngày 29/12/2017 của Bộ trưởng Bộ Văn hóa, Thể thao và Du lịch"
)


@dataclass(frozen=True)
class Form:
    code: str
    label: str
    level: str  # printed on the form
    reporter: str  # who signs
    recipient: str  # the default receiving office


FORMS = {
    "xa": Form("xa", gettext_lazy("Commune form"), "Dùng cho cấp xã", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH", "Phòng Văn hóa - Thông tin"),
    "huyen": Form("huyen", gettext_lazy("District form"), "Dùng cho cấp huyện", "TRƯỞNG PHÒNG", "Sở Văn hóa, Thể thao và Du lịch"),
    "tinh": Form("tinh", gettext_lazy("Province form"), "Dùng cho cấp tỉnh", "GIÁM ĐỐC", "Bộ Văn hóa, Thể thao và Du lịch"),
}  # fmt: skip

# (number, wording, unit of measure, placeholder or "" for a heading row)
ROWS = [
    ("I", "THÔNG TIN VỀ BẠO LỰC GIA ĐÌNH", "", ""),
    ("1", "Tổng số vụ bạo lực gia đình", "Vụ", "so_vu"),
    ("2", "Hình thức bạo lực", "", ""),
    ("2.1", "Tinh thần", "Vụ", "hinh_thuc_tinh_than"),
    ("2.2", "Thân thể", "Vụ", "hinh_thuc_than_the"),
    ("2.3", "Tình dục", "Vụ", "hinh_thuc_tinh_duc"),
    ("2.4", "Kinh tế", "Vụ", "hinh_thuc_kinh_te"),
    ("3", "Người gây bạo lực gia đình theo giới tính", "", ""),
    ("3.1", "Nam", "Người", "nguoi_gay_nam"),
    ("3.2", "Nữ", "Người", "nguoi_gay_nu"),
    ("4", "Tổng số nạn nhân bị bạo lực gia đình", "Người", "nan_nhan"),
    ("4.1", "Giới tính", "", ""),
    ("4.1.1", "Nam", "Người", "nan_nhan_nam"),
    ("4.1.2", "Nữ", "Người", "nan_nhan_nu"),
    ("4.2", "Độ tuổi", "", ""),
    ("4.2.1", "Dưới 16 tuổi", "Người", "nan_nhan_duoi_16"),
    ("4.2.2", "Từ 16 đến dưới 60 tuổi", "Người", "nan_nhan_16_59"),
    ("4.2.3", "Từ đủ 60 tuổi trở lên", "Người", "nan_nhan_tu_60"),
    ("II", "CÔNG TÁC PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH", "", ""),
    ("5", "Số vụ bạo lực gia đình được xử lý", "Vụ", "so_vu_xu_ly"),
    ("6", "Biện pháp đã áp dụng đối với người gây bạo lực gia đình", "", ""),
    ("6.1", "Góp ý, phê bình trong cộng đồng dân cư", "Vụ", "gop_y_phe_binh"),
    ("6.2", "Cấm tiếp xúc", "Vụ", "cam_tiep_xuc"),
    ("6.3", "Giáo dục, hỗ trợ chuyển đổi hành vi bạo lực", "Vụ", "giao_duc_chuyen_doi"),
    ("6.4", "Xử phạt vi phạm hành chính", "Vụ", "xu_phat_hanh_chinh"),
    ("6.5", "Truy cứu trách nhiệm hình sự", "Vụ", "truy_cuu_hinh_su"),
    ("7", "Biện pháp hỗ trợ nạn nhân bạo lực gia đình", "", ""),
    ("7.1", "Bố trí nơi tạm lánh, hỗ trợ nhu cầu thiết yếu", "Vụ", "tam_lanh"),
    ("7.2", "Chăm sóc, điều trị y tế", "Vụ", "cham_soc_y_te"),
    ("7.3", "Tư vấn pháp luật, tâm lý, kỹ năng ứng phó", "Vụ", "tu_van"),
]
COUNTS = [key for *_rest, key in ROWS if key]
TEXTS = ["don_vi", "don_vi_nhan", "nam", "ngay_lap", "ghi_chu"]
KNOWN = set(COUNTS) | set(TEXTS)
REQUIRED = set(COUNTS)

# Groups that add up to their first cell: a lone suppressed cell in one of them could be
# worked out, so it takes a complementary cell. "_" cells are counted, never shown.
ADDITIVE = [
    ["so_vu", "hinh_thuc_tinh_than", "hinh_thuc_than_the", "hinh_thuc_tinh_duc", "hinh_thuc_kinh_te"],
    ["so_vu", "nguoi_gay_nam", "nguoi_gay_nu", "_nguoi_gay_khac"],
    ["nan_nhan", "nan_nhan_nam", "nan_nhan_nu", "_nan_nhan_khac"],
    ["nan_nhan", "nan_nhan_duoi_16", "nan_nhan_16_59", "nan_nhan_tu_60", "_nan_nhan_chua_ro_tuoi"],
]  # fmt: skip
MEASURES = {
    "gop_y_phe_binh": [MeasureKind.COMMUNITY_CRITICISM],
    "cam_tiep_xuc": [MeasureKind.NO_CONTACT_COMMUNE, MeasureKind.NO_CONTACT_COURT],
    "giao_duc_chuyen_doi": [MeasureKind.BEHAVIOUR],
    "xu_phat_hanh_chinh": [MeasureKind.ADMINISTRATIVE],
    "truy_cuu_hinh_su": [MeasureKind.CRIMINAL],
    "tam_lanh": [MeasureKind.SHELTER],
    "cham_soc_y_te": [MeasureKind.CARE],
    "tu_van": [MeasureKind.LEGAL_PSYCH],
}
FORMS_OF_VIOLENCE = {
    "hinh_thuc_tinh_than": ViolenceForm.PSYCHOLOGICAL,
    "hinh_thuc_than_the": ViolenceForm.PHYSICAL,
    "hinh_thuc_tinh_duc": ViolenceForm.SEXUAL,
    "hinh_thuc_kinh_te": ViolenceForm.ECONOMIC,
}


class FormError(Exception):
    """A refused change; `str(exc)` is a message for the user."""


# ---------------------------------------------------------------- counting


def form_for(unit: OrgUnit) -> Form | None:
    if unit.kind in COMMUNE_LEVEL_KINDS:
        return FORMS["xa"]
    return {Kind.DISTRICT: FORMS["huyen"], Kind.PROVINCE: FORMS["tinh"]}.get(unit.kind)


def counts(unit_ids, year: int) -> dict[str, int]:
    """The form's exact counts over the domestic-violence cases of the units opened in
    `year`: incidents ("vụ") for the forms of violence and perpetrators, survivors ("người")
    for the victims, cases with a measure applied for sections 5 to 7."""
    cases = Case.objects.filter(
        org_unit__in=list(unit_ids),
        created_at__year=year,
        legal_frame=LegalFrame.DOMESTIC_VIOLENCE,
    )
    incidents = Incident.objects.filter(case__in=cases)
    out: dict[str, int] = incidents.aggregate(
        so_vu=Count("id"),
        **{k: Count("id", filter=Q(violence_form=v)) for k, v in FORMS_OF_VIOLENCE.items()},
        nguoi_gay_nam=Count("id", filter=Q(perpetrator_sex=Sex.MALE)),
        nguoi_gay_nu=Count("id", filter=Q(perpetrator_sex=Sex.FEMALE)),
        _nguoi_gay_khac=Count("id", filter=Q(perpetrator_sex=Sex.OTHER)),
    )
    out |= cases.aggregate(
        nan_nhan=Count("id"),
        nan_nhan_nam=Count("id", filter=Q(sex=Sex.MALE)),
        nan_nhan_nu=Count("id", filter=Q(sex=Sex.FEMALE)),
        _nan_nhan_khac=Count("id", filter=Q(sex=Sex.OTHER)),
        nan_nhan_duoi_16=Count("id", filter=Q(age__lt=16)),
        nan_nhan_16_59=Count("id", filter=Q(age__gte=16, age__lt=60)),
        nan_nhan_tu_60=Count("id", filter=Q(age__gte=60)),
        _nan_nhan_chua_ro_tuoi=Count("id", filter=Q(age__isnull=True)),
    )
    applied = Measure.objects.filter(case__in=cases).exclude(
        state__in=(MeasureState.REQUESTED, MeasureState.REFUSED)
    )
    out |= applied.aggregate(
        so_vu_xu_ly=Count("case", distinct=True),
        **{
            key: Count("case", distinct=True, filter=Q(kind__in=kinds))
            for key, kinds in MEASURES.items()
        },
    )
    return out


def published(exact: dict[str, int]) -> dict[str, int | None]:
    """The counts as they may leave the commune: cells 1-4 suppressed (None), and in a group
    that adds up, a complementary cell so no hidden cell follows from the others."""
    cells: dict[str, int | None] = {
        k: statistics.SUPPRESSED if 0 < v < statistics.THRESHOLD else v for k, v in exact.items()
    }
    changed = True
    while changed:
        changed = False
        for group in ADDITIVE:
            hidden = [k for k in group if cells[k] is statistics.SUPPRESSED]
            if len(hidden) != 1:
                continue
            shown = [k for k in group if cells[k] not in (statistics.SUPPRESSED, 0)]
            if not shown:
                continue
            cells[min(shown, key=lambda k: exact[k])] = statistics.SUPPRESSED
            changed = True
    return cells


def form_recipient(unit: OrgUnit) -> str:
    form = form_for(unit)
    recipient = form.recipient if form else ""
    if unit.parent and form and form.code != "tinh":
        return f"{recipient} {unit.parent.name}"
    return recipient


def is_own_office(user, unit: OrgUnit) -> bool:
    """The commune's own office: placed on the commune itself, holding the statistics
    permission there."""
    from binhdang.accounts.scoping import has_permission, home_units

    from .permissions import CASE_STATISTICS

    return (
        unit.kind in COMMUNE_LEVEL_KINDS
        and any(u.pk == unit.pk for u in home_units(user))
        and has_permission(user, CASE_STATISTICS, unit)
    )


def values_for(user, unit: OrgUnit, year: int) -> dict[str, object]:
    """Every placeholder's value for `unit`'s form of `year`, as `user` may see it."""
    unit_ids = list(OrgUnit.objects.subtree_of(unit).values_list("pk", flat=True))
    exact = counts(unit_ids, year)
    own = is_own_office(user, unit)
    cells = exact if own else published(exact)
    values: dict[str, object] = {k: cells[k] for k in COUNTS}
    values |= {
        "don_vi": unit.name,
        "don_vi_nhan": f"{form_recipient(unit)}",
        "nam": str(year),
        "ngay_lap": date_line("", timezone.localdate()),
        "ghi_chu": (
            "Số liệu thật của đơn vị, dùng cho báo cáo theo quy định; không công bố."
            if own
            else "Số liệu ẩn danh: ô dưới 5 và một ô bổ sung được ẩn (ghi “x”)."
        ),
    }
    return values


# ---------------------------------------------------------------- templates


def placeholders(content: bytes) -> set[str]:
    """Every placeholder named in the workbook's cells."""
    from openpyxl import load_workbook

    found: set[str] = set()
    workbook = load_workbook(io.BytesIO(content))
    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    found.update(PLACEHOLDER.findall(cell.value))
    return found


def shipped(form: str) -> bytes:
    return (SHIPPED_DIR / f"tt07_{form}.xlsx").read_bytes()


def _ancestor_ids(unit: OrgUnit) -> list[int]:
    return [int(p) for p in unit.path.strip("/").split("/") if p]


def current(form: str, unit: OrgUnit) -> ReportFormTemplate | None:
    """The version in use for `unit`: the newest version of the nearest office on the unit
    or above it; None when that is a reset or there is none (the shipped template)."""
    ids = _ancestor_ids(unit)
    newest = ReportFormTemplate.objects.filter(form=form, org_unit__in=ids).order_by(
        "org_unit", "-version"
    )
    latest: dict[int, ReportFormTemplate] = {}
    for version in newest:
        latest.setdefault(version.org_unit_id, version)
    for unit_id in reversed(ids):
        if unit_id in latest:
            found = latest[unit_id]
            return found if found.content else None
    return None


def template_bytes(form: str, unit: OrgUnit) -> bytes:
    version = current(form, unit)
    return bytes(version.content) if version else shipped(form)


def versions(form: str, unit: OrgUnit):
    return ReportFormTemplate.objects.filter(form=form, org_unit=unit).select_related("uploaded_by")


def fill(content: bytes, values: dict[str, object]) -> bytes:
    """The template with its placeholders replaced: a cell that is one count placeholder
    gets the number (or "x" when suppressed), other text gets the values written out."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content))

    def text(value):
        if value is None:
            return "x"
        return format_number(value) if isinstance(value, int) else str(value)

    for ws in workbook.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if not isinstance(cell.value, str) or "{{" not in cell.value:
                    continue
                whole = PLACEHOLDER.fullmatch(cell.value.strip())
                if whole and whole.group(1) in COUNTS:
                    value = values.get(whole.group(1))
                    cell.value = "x" if value is None else value
                elif not cell.value.startswith("="):  # the office's own formulas are left
                    cell.value = safe_cell_text(
                        PLACEHOLDER.sub(lambda m: text(values.get(m.group(1), "")), cell.value)
                    )
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def render(user, unit: OrgUnit, year: int) -> tuple[Form, bytes]:
    form = form_for(unit)
    if form is None:
        raise FormError(_("There is no report form for this kind of unit."))
    return form, fill(template_bytes(form.code, unit), values_for(user, unit, year))


def validate(content: bytes) -> None:
    """Refuse a template that names an unknown placeholder or lacks a required one."""
    try:
        found = placeholders(content)
    except Exception as exc:  # openpyxl raises many kinds on a damaged workbook
        raise FormError(_("The workbook could not be opened; save it again as .xlsx.")) from exc
    unknown = sorted(found - KNOWN)
    if unknown:
        raise FormError(
            _("The template has placeholders the system does not know: %(names)s. Correct or remove them.")
            % {"names": ", ".join("{{" + n + "}}" for n in unknown)}
        )  # fmt: skip
    missing = sorted(REQUIRED - found)
    if missing:
        raise FormError(
            _("The template lacks placeholders it needs: %(names)s.")
            % {"names": ", ".join("{{" + n + "}}" for n in missing)}
        )


# ---------------------------------------------------------------- services


def _office_check(actor, unit: OrgUnit, form: str) -> None:
    from binhdang.accounts.scoping import has_permission

    from .permissions import CASE_REPORT_FORMS

    if form not in FORMS or not has_permission(actor, CASE_REPORT_FORMS, unit):
        raise FormError(_("You may not change this unit's report forms."))


def _next_version(form: str, unit: OrgUnit) -> int:
    last = versions(form, unit).order_by("-version").first()
    return (last.version if last else 0) + 1


def template_upload(*, actor, form: str, unit: OrgUnit, uploaded) -> ReportFormTemplate:
    """Store the office's own version of `form` for `unit`, after the upload checks and the
    placeholder check; a refused file changes nothing."""
    _office_check(actor, unit, form)
    if uploaded is None:
        raise FormError(_("Choose the .xlsx file of the template."))
    try:
        checked = check_upload(uploaded, {"xlsx"}, max_bytes=MAX_TEMPLATE_BYTES)
    except UploadRejected as exc:
        raise FormError(str(exc)) from exc
    uploaded.seek(0)
    content = uploaded.read()
    validate(content)
    with transaction.atomic():
        version = ReportFormTemplate.objects.create(
            form=form,
            org_unit=unit,
            version=_next_version(form, unit),
            content=content,
            file_name=checked.name,
            uploaded_by=actor,
        )
        record(
            actor=actor,
            action="cases.report_form_upload",
            obj=version,
            org_unit=unit,
            changes={"form": form, "version": version.version, "file": checked.name},
        )
    return version


def template_reset(*, actor, form: str, unit: OrgUnit) -> ReportFormTemplate:
    """Return `unit` to the shipped template: a version without content."""
    _office_check(actor, unit, form)
    if current(form, unit) is None or not versions(form, unit).exists():
        raise FormError(_("This unit already uses the shipped template."))
    with transaction.atomic():
        version = ReportFormTemplate.objects.create(
            form=form, org_unit=unit, version=_next_version(form, unit), uploaded_by=actor
        )
        record(
            actor=actor,
            action="cases.report_form_reset",
            obj=version,
            org_unit=unit,
            changes={"form": form, "version": version.version},
        )
    return version


# ---------------------------------------------------------------- the shipped workbooks


def build_shipped(form: Form) -> bytes:
    """The shipped layout of `form`: the Circular's header, the rows with their placeholders
    and the signatures, on A4 portrait."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from binhdang.formats.cells import COUNT_FORMAT

    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu TT07-" + form.code[0].upper()
    font = "Times New Roman"
    thin = Side(style="thin", color="000000")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    center = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for column, width in zip("ABCD", (8, 58, 11, 14), strict=True):
        ws.column_dimensions[column].width = width

    def put(ref, value, *, bold=False, italic=False, size=12, align=center):
        ws[ref] = value
        ws[ref].font = Font(name=font, bold=bold, italic=italic, size=size)
        ws[ref].alignment = align

    left = Alignment(horizontal="left", vertical="center", wrap_text=True)
    ws.merge_cells("A1:B1")
    put(
        "A1",
        f"Biểu số TT07-{form.code[0].upper()} ({form.level.lower()})",
        bold=True,
        size=11,
        align=left,
    )
    ws.merge_cells("C1:D2")
    put(
        "C1",
        "Đơn vị báo cáo: {{don_vi}}\nĐơn vị nhận báo cáo: {{don_vi_nhan}}",
        size=11,
        align=left,
    )
    ws.merge_cells("A2:B2")
    put("A2", "Ban hành kèm theo " + CIRCULAR, italic=True, size=10, align=left)
    ws.row_dimensions[2].height = 30
    ws.merge_cells("A4:D4")
    put("A4", "BÁO CÁO THÔNG TIN VỀ PHÒNG, CHỐNG BẠO LỰC GIA ĐÌNH", bold=True, size=14)
    ws.merge_cells("A5:D5")
    put("A5", "Năm {{nam}}", bold=True)
    ws.merge_cells("A6:D6")
    put("A6", "(Kỳ báo cáo: từ ngày 01/01 đến ngày 31/12)", italic=True, size=11)
    header = 8
    for column, title in zip("ABCD", ("STT", "Chỉ tiêu", "Đơn vị tính", "Số lượng"), strict=True):
        put(f"{column}{header}", title, bold=True)
        ws[f"{column}{header}"].border = box
    for offset, (number, wording, measure, key) in enumerate(ROWS, start=1):
        r = header + offset
        heading = not key
        bold = heading or "." not in number
        put(f"A{r}", number, bold=bold)
        put(f"B{r}", wording, bold=bold, align=left)
        put(f"C{r}", measure)
        put(
            f"D{r}",
            "{{" + key + "}}" if key else "",
            bold=bold,
            align=Alignment(horizontal="right", vertical="center"),
        )
        ws[f"D{r}"].number_format = COUNT_FORMAT
        for column in "ABCD":
            ws[f"{column}{r}"].border = box
    r = header + len(ROWS) + 1
    ws.merge_cells(f"A{r}:D{r}")
    put(f"A{r}", "Ghi chú: {{ghi_chu}}", italic=True, size=10, align=left)
    r += 2
    ws.merge_cells(f"C{r}:D{r}")
    put(f"C{r}", "{{ngay_lap}}", italic=True, size=11)
    r += 1
    put(f"B{r}", "NGƯỜI LẬP BIỂU", bold=True)
    ws.merge_cells(f"C{r}:D{r}")
    put(f"C{r}", form.reporter, bold=True)
    ws.row_dimensions[r].height = 34
    r += 1
    put(f"B{r}", "(Ký, ghi rõ họ tên)", italic=True, size=11)
    ws.merge_cells(f"C{r}:D{r}")
    put(f"C{r}", "(Ký, đóng dấu, ghi rõ họ tên)", italic=True, size=11)
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = ws.ORIENTATION_PORTRAIT
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_area = f"A1:D{r + 4}"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def write_shipped() -> None:
    SHIPPED_DIR.mkdir(exist_ok=True)
    for form in FORMS.values():
        (SHIPPED_DIR / f"tt07_{form.code}.xlsx").write_bytes(build_shipped(form))


def default_year() -> int:
    return date.today().year
