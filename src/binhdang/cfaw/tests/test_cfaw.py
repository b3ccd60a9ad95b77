"""The committees: set up and kept through the real forms, a kiện toàn decision closing and
opening memberships at once, the committee as on any date, the programme and meetings, scoping
and the report section."""

import unicodedata
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.cfaw import services
from binhdang.cfaw.models import Committee, Decision, Meeting, Member, ProgrammeItem
from binhdang.cfaw.types import MEMBERS
from binhdang.leadership.records import save_record
from tests.html_forms import forms, rows

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def stacked(page):
    return next(f for f in forms(page.content) if "stacked" in f.attrs.get("class", ""))


def committee_a(world) -> Committee:
    committee = services.committee_create(actor=world.reporter_a, unit=world.commune_a)
    for name, post, body, sex in (
        ("Hoàng Văn Thắng", "head", "UBND xã Phú Linh", "male"),
        ("Nguyễn Thị Hoa", "deputy", "Hội Liên hiệp Phụ nữ xã", "female"),
        ("Lò Thị Mai", "standing", "Công chức Văn hóa - Xã hội", "female"),
        ("Vàng Văn Páo", "member", "Đoàn Thanh niên xã", "male"),
    ):
        save_record(
            actor=world.reporter_a, rtype=MEMBERS, unit=world.commune_a,
            raw={"full_name": name, "post": post, "from_body": body, "sex": sex,
                 "starts_on": "01/03/2021", "ends_on": "", "job_title": ""},
        )  # fmt: skip
    return committee


def test_a_commune_sets_up_its_committee_and_adds_members_through_the_forms(world, login):
    client = login(world.reporter_a)
    page = client.get(reverse("cfaw:committee_create"))
    f = stacked(page)
    response = client.post(f.action or page.request["PATH_INFO"], f.data(f.buttons[0]))
    assert response.status_code == 302
    committee = Committee.objects.get()
    assert committee.org_unit == world.commune_a
    assert committee.name == "Ban vì sự tiến bộ của phụ nữ Xã Phú Linh"
    assert committee.level == "commune"
    url = reverse("cfaw:create", kwargs={"kind": "members"})
    f = stacked(client.get(url))
    response = client.post(
        url,
        f.data(
            f.buttons[0], full_name=nfd("Nguyễn Thị Hoa"), post="deputy",
            from_body=nfd("Hội Liên hiệp Phụ nữ xã"), sex="female", starts_on="01/03/2021",
        ),
    )  # fmt: skip
    assert response.status_code == 302
    member = Member.objects.get()
    assert member.full_name == "Nguyễn Thị Hoa" and member.committee == committee
    assert member.starts_on == date(2021, 3, 1) and member.ends_on is None
    assert AuditEntry.objects.filter(action="cfaw.member.create").exists()
    # A second committee for the same commune is refused.
    assert client.get(reverse("cfaw:committee_create")).status_code == 404
    with pytest.raises(services.CommitteeError):
        services.committee_create(actor=world.reporter_a, unit=world.commune_a)


def test_a_kien_toan_decision_closes_and_opens_memberships_at_once(world, login, media):
    committee = committee_a(world)
    leaving = Member.objects.get(full_name="Hoàng Văn Thắng")
    client = login(world.reporter_a)
    url = reverse("cfaw:reconstitute", kwargs={"pk": committee.pk})
    f = stacked(client.get(url))
    data = f.data(
        f.buttons[0],
        number="125/QĐ-UBND", signed_on="15/06/2023", signer=nfd("Chủ tịch UBND xã"),
        summary="Kiện toàn Ban vì sự tiến bộ của phụ nữ xã", leave=[str(leaving.pk)],
        **{"new-0-full_name": nfd("Đặng Văn Quý"), "new-0-post": "head",
           "new-0-from_body": "UBND xã Phú Linh", "new-0-sex": "male",
           "new-1-full_name": "Hoàng Thị Lan", "new-1-post": "member",
           "new-1-from_body": "Trạm Y tế xã", "new-1-sex": "female"},
    )  # fmt: skip
    data["file"] = SimpleUploadedFile("quyet-dinh-125.pdf", PDF, content_type="application/pdf")
    response = client.post(url, data)
    assert response.status_code == 302
    decision = Decision.objects.get()
    assert decision.number == "125/QĐ-UBND" and decision.original_name == "quyet-dinh-125.pdf"
    leaving.refresh_from_db()
    assert leaving.ends_on == date(2023, 6, 14) and leaving.closed_by == decision
    joined = Member.objects.filter(opened_by=decision)
    assert {m.full_name for m in joined} == {"Đặng Văn Quý", "Hoàng Thị Lan"}
    assert {m.starts_on for m in joined} == {date(2023, 6, 15)}
    entry = AuditEntry.objects.get(action="cfaw.decision.create")
    assert entry.changes["closed"] == ["Hoàng Văn Thắng"]
    download = client.get(reverse("cfaw:decision_file", kwargs={"pk": decision.pk}))
    assert b"".join(download.streaming_content) == PDF


def _names_on(client, committee, on):
    page = client.get(reverse("cfaw:detail", kwargs={"pk": committee.pk}) + f"?on={on}")
    return {r[0] for r in rows(page.content, "members")}


def test_the_committee_as_on_a_date_across_a_kien_toan(world, login):
    committee = committee_a(world)
    thang = Member.objects.get(full_name="Hoàng Văn Thắng")
    services.reconstitute(
        actor=world.reporter_a, committee=committee, number="125/QĐ-UBND",
        signed_on=date(2023, 6, 15), leave=[thang.pk],
        join=[services.NewMember("Đặng Văn Quý", "head", "UBND xã Phú Linh", "male")],
    )  # fmt: skip
    client = login(world.standing_office)
    before = {"Hoàng Văn Thắng", "Nguyễn Thị Hoa", "Lò Thị Mai", "Vàng Văn Páo"}
    after = {"Đặng Văn Quý", "Nguyễn Thị Hoa", "Lò Thị Mai", "Vàng Văn Páo"}
    assert _names_on(client, committee, "14/06/2023") == before
    assert _names_on(client, committee, "15/06/2023") == after
    assert _names_on(client, committee, "31/12/2023") == after
    assert _names_on(client, committee, "28/02/2021") == set()
    api = client.get(f"/api/v1/cfaw/committees/{committee.pk}?on=2023-06-14").json()
    assert {m["full_name"] for m in api["members"]} == before
    api = client.get(f"/api/v1/cfaw/committees/{committee.pk}?on=2023-06-15").json()
    assert {m["full_name"] for m in api["members"]} == after
    # A bad date shows a message and today's committee, never an error page.
    page = client.get(reverse("cfaw:detail", kwargs={"pk": committee.pk}) + "?on=31/02/2023")
    assert page.status_code == 200 and "31/02/2023" in page.content.decode()


def test_a_wrong_decision_changes_nothing(world, login):
    committee = committee_a(world)
    thang = Member.objects.get(full_name="Hoàng Văn Thắng")
    client = login(world.reporter_a)
    url = reverse("cfaw:reconstitute", kwargs={"pk": committee.pk})
    f = stacked(client.get(url))
    data = f.data(f.buttons[0], number="", signed_on="15/06/2023", leave=[str(thang.pk)])
    data["file"] = SimpleUploadedFile("qd.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(url, data)
    assert response.status_code == 200
    assert not Decision.objects.exists()
    thang.refresh_from_db()
    assert thang.ends_on is None
    # A member who is not running on the date cannot leave; a half-filled new member is named.
    with pytest.raises(services.CommitteeError) as caught:
        services.reconstitute(
            actor=world.reporter_a, committee=committee, number="7/QĐ-UBND",
            signed_on=date(2021, 3, 1), leave=[thang.pk],
            join=[services.NewMember("Lù Thị Dung", "", "", "female")],
        )  # fmt: skip
    assert set(caught.value.errors) == {"close", "new-1"}
    assert Member.objects.count() == 4 and not Decision.objects.exists()


def test_commune_b_sees_nothing_of_commune_as_committee(world, login):
    committee = committee_a(world)
    member = Member.objects.first()
    client = login(world.reporter_b)
    assert "Phú Linh" not in client.get(reverse("cfaw:index")).content.decode()
    for url in (
        reverse("cfaw:detail", kwargs={"pk": committee.pk}),
        reverse("cfaw:reconstitute", kwargs={"pk": committee.pk}),
        reverse("cfaw:committee_edit", kwargs={"pk": committee.pk}),
        reverse("cfaw:record", kwargs={"kind": "members", "pk": member.pk}),
        f"/api/v1/cfaw/committees/{committee.pk}",
    ):
        assert client.get(url).status_code == 404, url
    # The district's office reads it and does not keep it.
    client = login(world.standing_office)
    assert client.get(reverse("cfaw:detail", kwargs={"pk": committee.pk})).status_code == 200
    assert client.get(reverse("cfaw:reconstitute", kwargs={"pk": committee.pk})).status_code == 404
    with pytest.raises(services.CommitteeError):
        services.reconstitute(
            actor=world.standing_office, committee=committee, number="1/QĐ-UBND",
            signed_on=date(2023, 6, 1), leave=[member.pk],
        )  # fmt: skip


def test_the_programme_and_meetings_are_kept_through_the_forms(world, login, media):
    committee = committee_a(world)
    hoa = Member.objects.get(full_name="Nguyễn Thị Hoa")
    client = login(world.reporter_a)
    url = reverse("cfaw:create", kwargs={"kind": "programme"})
    f = stacked(client.get(url))
    lead = f.option("lead_member", "Nguyễn Thị Hoa")
    response = client.post(
        url,
        f.data(
            f.buttons[0], year="2023", title="Tổ chức Tháng hành động vì bình đẳng giới",
            lead_member=lead, due_on="15/12/2023", status="done", result="",
        ),
    )  # fmt: skip
    assert response.status_code == 302
    item = ProgrammeItem.objects.get()
    assert item.lead_member == hoa and item.committee == committee and item.status == "done"
    url = reverse("cfaw:create", kwargs={"kind": "meetings"})
    f = stacked(client.get(url))
    data = f.data(f.buttons[0], held_on="20/12/2023", title="Họp tổng kết năm 2023", attendees="9")
    data["minutes"] = SimpleUploadedFile("bien-ban.pdf", PDF, content_type="application/pdf")
    response = client.post(url, data)
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert meeting.original_name == "bien-ban.pdf" and meeting.attendees == 9
    download = client.get(reverse("cfaw:file", kwargs={"kind": "meetings", "pk": meeting.pk}))
    assert b"".join(download.streaming_content) == PDF
    page = client.get(reverse("cfaw:detail", kwargs={"pk": committee.pk}) + "?year=2023")
    assert rows(page.content, "items")[0][:2] == [
        "Tổ chức Tháng hành động vì bình đẳng giới",
        "Nguyễn Thị Hoa",
    ]
    # A lead member of another committee is refused.
    services.committee_create(actor=world.reporter_b, unit=world.commune_b)
    other = save_record(
        actor=world.reporter_b, rtype=MEMBERS, unit=world.commune_b,
        raw={"full_name": "Ma Thị Nga", "post": "head", "from_body": "UBND xã Kim Thạch",
             "sex": "female", "starts_on": "01/03/2021"},
    )  # fmt: skip
    f = stacked(client.get(url.replace("meetings", "programme")))
    response = client.post(
        url.replace("meetings", "programme"),
        f.data(
            f.buttons[0], year="2023", title="Khác", lead_member=str(other.pk), status="planned"
        ),
    )
    assert response.status_code == 200
    assert ProgrammeItem.objects.count() == 1


def test_its_section_is_in_a_units_own_report_and_the_consolidated_report(world):
    from types import SimpleNamespace

    from binhdang.cfaw.sections import consolidated_part, unit_part
    from binhdang.reporting.models import Submission
    from binhdang.reporting.tests.factories import make_round

    committee = committee_a(world)
    thang = Member.objects.get(full_name="Hoàng Văn Thắng")
    services.reconstitute(
        actor=world.reporter_a, committee=committee, number="125/QĐ-UBND",
        signed_on=date(2023, 6, 15), leave=[thang.pk],
        join=[services.NewMember("Đặng Văn Quý", "head", "UBND xã Phú Linh", "male")],
    )  # fmt: skip
    rnd = make_round(world)
    submission, _created = Submission.objects.get_or_create(round=rnd, org_unit=world.commune_a)
    part = unit_part(submission)
    assert part.paragraphs[0] == (
        "Đến ngày 14/12/2023, Ban vì sự tiến bộ của phụ nữ Xã Phú Linh gồm 4 thành viên, trong "
        "đó 2 nữ. Trong kỳ, Ban được kiện toàn theo Quyết định số 125/QĐ-UBND ngày 15/06/2023."
    )
    assert [r[1] for r in part.annexes[0].rows][0] == "Đặng Văn Quý"
    part = consolidated_part(
        SimpleNamespace(round=rnd), user=world.standing_office, with_charts=False
    )
    assert "1 Ban vì sự tiến bộ của phụ nữ với 4 thành viên, trong đó 2 nữ" in part.paragraphs[0]
    assert (
        consolidated_part(SimpleNamespace(round=rnd), user=world.outsider, with_charts=False)
        is None
    )


def test_the_sections_are_vietnamese_whatever_the_interface_language(world):
    from django.utils import translation

    from binhdang.cfaw.sections import unit_part
    from binhdang.reporting.models import Submission
    from binhdang.reporting.tests.factories import make_round

    committee_a(world)
    submission, _created = Submission.objects.get_or_create(
        round=make_round(world), org_unit=world.commune_a
    )
    with translation.override("en"):
        part = unit_part(submission)
    assert [r[2] for r in part.annexes[0].rows][:2] == ["Trưởng ban", "Phó Trưởng ban"]
