"""The committee's sheets filled and uploaded through the pages: members, the programme with
its lead member named as typed (NFD), meetings; one bad row and nothing is saved."""

import unicodedata
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from binhdang.cfaw.models import Meeting, Member, ProgrammeItem
from binhdang.cfaw.tests.factories import make_committee
from binhdang.core.sheets import unit_key
from tests.html_forms import forms, rows

pytestmark = pytest.mark.django_db
FIRST_ROW = 4


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _upload(client, kind: str, lines: list[list]):
    template = client.get(reverse("cfaw:template", kwargs={"kind": kind}))
    wb = load_workbook(BytesIO(template.content))
    ws = wb["Dữ liệu"]
    for offset, line in enumerate(lines):
        for column, value in enumerate(line, start=1):
            ws.cell(row=FIRST_ROW + offset, column=column, value=value)
    out = BytesIO()
    wb.save(out)
    url = reverse("cfaw:upload", kwargs={"kind": kind})
    f = next(x for x in forms(client.get(url).content) if x.attrs.get("enctype"))
    data = f.data(f.buttons[0])
    data["file"] = SimpleUploadedFile(f"{kind}.xlsx", out.getvalue())
    return client.post(url, data)


def test_members_programme_and_meetings_upload_whole_or_not_at_all(world, login):
    make_committee(world)
    client = login(world.reporter_a)
    key = unit_key(world.commune_a)
    response = _upload(
        client,
        "members",
        [
            [
                key,
                nfd("Hoàng Thị Lan"),
                "Ủy viên",
                "Trạm Y tế xã",
                "Trưởng trạm",
                "Nữ",
                "01/03/2021",
                None,
            ]
        ],
    )
    assert response.status_code == 302
    assert Member.objects.filter(full_name="Hoàng Thị Lan", post="member", sex="female").exists()
    lines = [
        [key, 2023, nfd("Tổ chức Tháng hành động vì bình đẳng giới"), nfd("Nguyễn Thị Hoa"),
         "15/12/2023", "Đã hoàn thành", ""],
        [key, 2023, "Kiểm tra việc thực hiện Luật Bình đẳng giới", "Người không có trong Ban",
         "30/10/2023", "Kế hoạch", ""],
    ]  # fmt: skip
    response = _upload(client, "programme", lines)
    assert response.status_code == 200
    assert [(r[0], r[1]) for r in rows(response.content, "sheet-errors")] == [
        ("5", "Thành viên chủ trì")
    ]
    assert not ProgrammeItem.objects.exists()
    lines[1][3] = "lò thị mai"
    assert _upload(client, "programme", lines).status_code == 302
    leads = {i.title: i.lead_member.full_name for i in ProgrammeItem.objects.all()}
    assert leads == {
        "Tổ chức Tháng hành động vì bình đẳng giới": "Nguyễn Thị Hoa",
        "Kiểm tra việc thực hiện Luật Bình đẳng giới": "Lò Thị Mai",
    }
    response = _upload(client, "meetings", [[key, "20/12/2023", "Họp tổng kết", "1.234"]])
    assert response.status_code == 302
    assert Meeting.objects.get().attendees == 1234
    # A commune without a committee cannot upload members into one.
    client = login(world.reporter_b)
    response = _upload(
        client,
        "members",
        [
            [
                unit_key(world.commune_b),
                "Ma Thị Nga",
                "Trưởng ban",
                "UBND xã",
                "",
                "Nữ",
                "01/03/2021",
                None,
            ]
        ],
    )
    assert response.status_code == 200
    assert not Member.objects.filter(full_name="Ma Thị Nga").exists()
