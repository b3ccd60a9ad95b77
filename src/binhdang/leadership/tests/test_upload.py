"""The Excel template of each kind of leadership record, filled as a commune fills it and
uploaded through the page: Vietnamese numbers, NFD text, labels for choices; one bad row and
nothing is saved; the export uploads again."""

import unicodedata
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.core.sheets import unit_key
from binhdang.leadership.models import LeadershipPost, LeaderTraining, PlanningCadre
from tests.html_forms import forms, rows

pytestmark = pytest.mark.django_db
FIRST_ROW = 4


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _filled(client, kind: str, lines: list[list]) -> SimpleUploadedFile:
    response = client.get(reverse("leadership:template", kwargs={"kind": kind}))
    assert response.status_code == 200
    wb = load_workbook(BytesIO(response.content))
    ws = wb["Dữ liệu"]
    for offset, line in enumerate(lines):
        for column, value in enumerate(line, start=1):
            ws.cell(row=FIRST_ROW + offset, column=column, value=value)
    out = BytesIO()
    wb.save(out)
    return SimpleUploadedFile(f"{kind}.xlsx", out.getvalue())


def _upload(client, kind: str, uploaded):
    url = reverse("leadership:upload", kwargs={"kind": kind})
    page = client.get(url)
    f = next(x for x in forms(page.content) if x.attrs.get("enctype") == "multipart/form-data")
    data = f.data(f.buttons[0])
    data["file"] = uploaded
    return client.post(url, data)


def test_a_filled_template_of_posts_is_saved_whole(world, login):
    client = login(world.reporter_a)
    key = unit_key(world.commune_a)
    uploaded = _filled(
        client,
        "posts",
        [
            [key, "30/11/2023", "Xã", "Ủy ban nhân dân", nfd("Ủy ban nhân dân xã Phú Linh"),
             "Cấp trưởng", 1, 0, 1],
            [key, "30/11/2023", "xa", nfd("Hội đồng nhân dân"), "Hội đồng nhân dân xã Phú Linh",
             "cap pho", "1.234", "617", "0"],
        ],
    )  # fmt: skip
    response = _upload(client, "posts", uploaded)
    assert response.status_code == 302
    saved = {(p.body_name, p.post, p.total, p.women) for p in LeadershipPost.objects.all()}
    assert saved == {
        ("Ủy ban nhân dân xã Phú Linh", "head", 1, 0),
        ("Hội đồng nhân dân xã Phú Linh", "deputy", 1234, 617),
    }
    assert {p.org_unit for p in LeadershipPost.objects.all()} == {world.commune_a}


def test_one_bad_row_saves_nothing_and_every_problem_is_listed(world, login):
    client = login(world.reporter_a)
    key = unit_key(world.commune_a)
    uploaded = _filled(
        client,
        "planning",
        [
            [key, "2025-2030", "30/11/2023", "Xã", "Ủy ban nhân dân", "Cấp trưởng", 3, 1, 1, 2],
            [key, "2025-2030", "30/11/2023", "Xã", nfd("cấp ủy đảng"), "Cấp phó", "12,5", 1, 0, 0],
            [key, "2025-2030", "30/11/2023", "Xã", "Hội đồng nhân dân", "Cấp phó", 2, 5, 0, 0],
            [unit_key(world.commune_b), "2025-2030", "30/11/2023", "Xã", "Ủy ban nhân dân",
             "Cấp phó", 2, 1, 0, 0],
        ],
    )  # fmt: skip
    response = _upload(client, "planning", uploaded)
    assert response.status_code == 200
    problems = rows(response.content, "sheet-errors")
    by_row = {}
    for row, column, message in problems:
        by_row.setdefault(row, []).append((column, message))
    # Cells that cannot be read: a fraction of a person, a commune the reporter does not keep.
    assert set(by_row) == {"5", "7"}
    assert [c for c, _m in by_row["5"]] == ["Cán bộ trong diện quy hoạch"]
    assert [c for c, _m in by_row["7"]] == ["Đơn vị"]
    assert not PlanningCadre.objects.exists()
    # Readable, but more women than cadres on one row: the other rows are not saved either.
    uploaded = _filled(
        client,
        "planning",
        [
            [key, "2025-2030", "30/11/2023", "Xã", "Ủy ban nhân dân", "Cấp trưởng", 3, 1, 1, 2],
            [key, "2025-2030", "30/11/2023", "Xã", "Hội đồng nhân dân", "Cấp phó", 2, 5, 0, 0],
        ],
    )
    response = _upload(client, "planning", uploaded)
    assert response.status_code == 200
    assert [(r[0], r[1]) for r in rows(response.content, "sheet-errors")] == [("5", "Trong đó nữ")]
    assert not PlanningCadre.objects.exists()


def test_the_export_uploads_again_unchanged(world, login):
    client = login(world.reporter_a)
    key = unit_key(world.commune_a)
    uploaded = _filled(
        client,
        "training",
        [[key, "15/09/2023", nfd("Bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ"),
          "Nữ lãnh đạo, quản lý", 45, 40, ""]],
    )  # fmt: skip
    assert _upload(client, "training", uploaded).status_code == 302
    course = LeaderTraining.objects.get()
    assert course.title == "Bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ"
    exported = client.get(reverse("leadership:export", kwargs={"kind": "training"}))
    assert exported.status_code == 200
    LeaderTraining.objects.all().delete()
    again = _upload(client, "training", SimpleUploadedFile("xuat.xlsx", exported.content))
    assert again.status_code == 302
    copy = LeaderTraining.objects.get()
    assert (copy.title, copy.participants, copy.women, copy.audience) == (
        course.title, 45, 40, course.audience,
    )  # fmt: skip


def test_a_file_that_is_not_a_workbook_is_refused(world, login):
    client = login(world.reporter_a)
    response = _upload(client, "posts", SimpleUploadedFile("mau.xlsx", b"not a zip"))
    assert response.status_code == 200
    assert not LeadershipPost.objects.exists()
