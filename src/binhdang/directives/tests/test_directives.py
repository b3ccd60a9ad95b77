import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from binhdang.audit.models import AuditEntry
from binhdang.directives import selectors
from binhdang.directives.models import (
    AssignmentStatus,
    Directive,
    DirectiveAttachment,
    DirectiveStatus,
    TaskAssignment,
    TaskProgressNote,
)
from binhdang.directives.services import (
    DirectiveError,
    attachment_add,
    directive_carry_down,
    task_assignment_update_status,
)
from binhdang.orgunits.models import Kind, UnitGroup

from .factories import make_attachment, make_directive


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def _api(client, user, path, method="get", **kw):
    client.force_login(user)
    return getattr(client, method)(f"/api/v1/directives{path}", **kw)


def test_it_never_shows_commune_b_a_directive_addressed_only_to_commune_a(world, client):
    directive = make_directive(world)
    for user in (world.reporter_b, world.outsider, world.nobody):
        client.force_login(user)
        assert client.get(reverse("directives:detail", args=[directive.pk])).status_code == 404
        listing = client.get(reverse("directives:list"))
        assert directive.number_symbol not in listing.content.decode()
        assert _api(client, user, f"/{directive.pk}").status_code == 404
        assert _api(client, user, "/").json() == []
    client.force_login(world.reporter_a)
    assert client.get(reverse("directives:detail", args=[directive.pk])).status_code == 200
    assert [d["id"] for d in _api(client, world.reporter_a, "/").json()] == [directive.pk]


def test_it_hides_drafts_from_the_units_they_address(world, client):
    draft = make_directive(world, issue=False)
    client.force_login(world.reporter_a)
    assert client.get(reverse("directives:detail", args=[draft.pk])).status_code == 404
    client.force_login(world.standing_office)
    assert client.get(reverse("directives:detail", args=[draft.pk])).status_code == 200


def test_it_shows_a_directive_through_a_unit_group(world, client):
    group = UnitGroup.objects.create(
        owner=world.district,
        name="UBND các xã, thị trấn",
        slug="cac-xa",
        rule_root=world.district,
        rule_kinds=[Kind.COMMUNE],
    )
    directive = make_directive(world, recipients=[], groups=[group], lead=[])
    assert directive in selectors.visible_directives(world.reporter_b)
    assert directive in selectors.visible_directives(world.reporter_a)
    assert directive not in selectors.visible_directives(world.dept_reporter)
    assert directive not in selectors.visible_directives(world.outsider)
    client.force_login(world.reporter_b)
    page = client.get(reverse("directives:detail", args=[directive.pk]))
    assert page.status_code == 200
    assert "UBND các xã, thị trấn" in page.content.decode()


def test_it_does_not_examine_groups_of_other_districts(world):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_reporter_a() -> int:
        with CaptureQueriesContext(connection) as ctx:
            list(selectors.visible_directives(world.reporter_a))
        return len(ctx.captured_queries)

    make_directive(world, number="1/UBND", recipients=[world.commune_a], lead=[])
    queries_for_reporter_a()  # the user's memberships are read once, then kept
    before = queries_for_reporter_a()
    for i in range(5):  # directives of another district, each to its own group
        group = UnitGroup.objects.create(
            owner=world.district2, name=f"Nhóm {i}", slug=f"nhom-{i}",
            rule_root=world.district2, rule_kinds=[Kind.COMMUNE],
        )  # fmt: skip
        make_directive(
            world, number=f"{i + 2}/UBND", issuing_unit=world.district2, actor=world.admin,
            recipients=[], groups=[group], lead=[],
        )  # fmt: skip
    assert queries_for_reporter_a() == before


def test_it_shows_a_directive_to_a_unit_only_assigned_a_task(world):
    directive = make_directive(world, recipients=[], lead=[world.womens_union])
    assert directive in selectors.visible_directives(world.dept_reporter)
    assert directive not in selectors.visible_directives(world.reporter_a)


def test_it_creates_one_assignment_per_lead_and_cooperating_unit_on_issue(world):
    directive = make_directive(world, lead=[world.commune_a], cooperating=[world.womens_union])
    roles = dict(
        TaskAssignment.objects.filter(task__directive=directive).values_list(
            "org_unit__name", "role"
        )
    )
    assert roles == {"Xã Phú Linh": "lead", "Hội Liên hiệp Phụ nữ huyện": "cooperating"}
    assert AuditEntry.objects.filter(action="directive.issue", object_id=str(directive.pk)).exists()


def test_it_records_a_status_update_with_note_and_audit(world, login):
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    client = login(world.reporter_a)
    url = reverse("directives:assignment", args=[assignment.pk])
    prefix = f"a{assignment.pk}"
    response = client.post(
        url,
        {f"{prefix}-status": "in_progress", f"{prefix}-note": "Đã tổ chức 2 buổi tuyên truyền."},
    )
    assert response.status_code == 302
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.IN_PROGRESS
    note = TaskProgressNote.objects.get(assignment=assignment)
    assert note.text == "Đã tổ chức 2 buổi tuyên truyền." and note.author == world.reporter_a
    entry = AuditEntry.objects.get(action="task_assignment.status", object_id=str(assignment.pk))
    assert entry.actor == world.reporter_a
    assert entry.changes["status"] == ["not_started", "in_progress"]


def test_it_refuses_a_status_update_from_another_commune_with_404(world, login):
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    client = login(world.reporter_b)
    prefix = f"a{assignment.pk}"
    response = client.post(
        reverse("directives:assignment", args=[assignment.pk]),
        {f"{prefix}-status": "done", f"{prefix}-note": "x"},
    )
    assert response.status_code == 404
    api = _api(
        client,
        world.reporter_b,
        f"/assignments/{assignment.pk}/status",
        method="post",
        data={"status": "done"},
        content_type="application/json",
    )
    assert api.status_code == 404
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.NOT_STARTED


def test_it_lets_a_viewer_read_but_not_update_a_task(world, client):
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    response = _api(
        client,
        world.viewer,
        f"/assignments/{assignment.pk}/status",
        method="post",
        data={"status": "done"},
        content_type="application/json",
    )
    assert response.status_code == 404
    with pytest.raises(DirectiveError):
        task_assignment_update_status(actor=world.viewer, assignment=assignment, status="done")


def test_it_updates_a_status_through_the_api(world, client):
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    response = _api(
        client,
        world.reporter_a,
        f"/assignments/{assignment.pk}/status",
        method="post",
        data={"status": "done", "note": "Hoàn thành."},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "done"
    mine = _api(client, world.reporter_a, "/assignments").json()
    assert [a["id"] for a in mine] == [assignment.pk]


def test_it_computes_overdue_from_the_due_date(world):
    yesterday = timezone.localdate() - timedelta(days=1)
    directive = make_directive(world, due_on=yesterday)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    assert selectors.my_task_assignments(world.reporter_a).get().overdue is True
    task_assignment_update_status(actor=world.reporter_a, assignment=assignment, status="done")
    assert selectors.my_task_assignments(world.reporter_a).get().overdue is False


def test_it_finds_directives_without_accents(world, login):
    directive = make_directive(world, subject="triển khai công tác bình đẳng giới năm 2023")
    make_directive(world, number="200/UBND-VP", subject="phòng chống thiên tai")
    found = selectors.search_directives(
        world.standing_office, selectors.DirectiveFilters(text="binh dang gioi")
    )
    assert list(found) == [directive]
    page = login(world.standing_office).get(reverse("directives:list"), {"q": "BINH DANG"})
    body = page.content.decode()
    assert "100/UBND-LĐTBXH" in body and "200/UBND-VP" not in body


def test_it_shows_the_carry_down_chain_both_ways(world, login):
    province = make_directive(
        world,
        number="961/UBND-VHXH",
        issuing_unit=world.province,
        recipients=[world.district],
        lead=[world.district],
    )
    child = directive_carry_down(
        actor=world.standing_office,
        parent_directive=province,
        issuing_unit=world.district,
        number_symbol="760/UBND-LĐTBXH",
    )
    assert child.implements == province and child.status == DirectiveStatus.DRAFT
    assert list(child.tasks.values_list("number", flat=True)) == ["1", "1.1"]
    basis = child.legal_bases.get()
    assert basis.cited_directive == province
    client = login(world.standing_office)
    child_page = client.get(reverse("directives:detail", args=[child.pk])).content.decode()
    assert reverse("directives:detail", args=[province.pk]) in child_page
    parent_page = client.get(reverse("directives:detail", args=[province.pk])).content.decode()
    assert reverse("directives:detail", args=[child.pk]) in parent_page
    # A commune sees neither the draft nor, through it, the province's dispatch.
    assert selectors.chain_down(world.reporter_a, province).count() == 0


def test_it_refuses_carry_down_for_a_unit_out_of_scope(world):
    province = make_directive(
        world, number="961/UBND-VHXH", issuing_unit=world.province, recipients=[world.district],
        lead=[world.district],
    )  # fmt: skip
    with pytest.raises(DirectiveError):
        directive_carry_down(
            actor=world.standing_office, parent_directive=province, issuing_unit=world.district2
        )


def test_it_refuses_a_renamed_exe_and_saves_nothing(world, login, media):
    directive = make_directive(world)
    client = login(world.standing_office)
    exe = SimpleUploadedFile("cong-van.pdf", b"MZ\x90\x00" + b"\x00" * 200)
    response = client.post(
        reverse("directives:attachment_upload", args=[directive.pk]),
        {"file": exe, "kind": "original"},
        follow=True,
    )
    body = response.content.decode()
    assert "không khớp với phần mở rộng .pdf" in body
    assert not DirectiveAttachment.objects.exists()
    assert not any(p.is_file() for p in media.rglob("*"))
    with pytest.raises(DirectiveError):
        attachment_add(
            actor=world.standing_office,
            directive=directive,
            uploaded=SimpleUploadedFile("setup.exe", b"MZ\x90\x00" * 10),
        )


def test_it_downloads_an_attachment_with_its_vietnamese_name(world, login, media):
    directive = make_directive(world)
    attachment = make_attachment(world, directive, name="Công văn 760.pdf")
    response = login(world.reporter_a).get(
        reverse("directives:attachment_download", args=[attachment.pk])
    )
    assert response.status_code == 200
    disposition = response["Content-Disposition"]
    assert "filename*=utf-8''C%C3%B4ng%20v%C4%83n%20760.pdf" in disposition
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    response = login(world.reporter_b).get(
        reverse("directives:attachment_download", args=[attachment.pk])
    )
    assert response.status_code == 404


def test_it_creates_a_directive_from_the_form(world, login):
    client = login(world.standing_office)
    data = {
        "doc_type": "cong_van",
        "number_symbol": "300/UBND-LĐTBXH",
        "issued_on": "2023-05-02",
        "place": "Vị Xuyên",
        "issuing_unit": world.district.pk,
        "subject": "kiện toàn Ban vì sự tiến bộ của phụ nữ",
        "recipient_units": [world.commune_a.pk],
        "tasks-TOTAL_FORMS": "2",
        "tasks-INITIAL_FORMS": "0",
        "tasks-0-number": "1",
        "tasks-0-title": "Kiện toàn Ban",
        "tasks-0-recurrence": "none",
        "tasks-1-number": "1.1",
        "tasks-1-text": "Rà soát thành viên.",
        "tasks-1-recurrence": "yearly",
        "tasks-1-window_from": "15/11",
        "tasks-1-window_to": "15/12",
        "tasks-1-lead_units": [world.commune_a.pk],
        "bases-TOTAL_FORMS": "1",
        "bases-INITIAL_FORMS": "0",
        "bases-0-text": "Căn cứ Luật Bình đẳng giới năm 2006.",
    }
    response = client.post(reverse("directives:create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    directive = Directive.objects.get(number_symbol="300/UBND-LĐTBXH")
    task = directive.tasks.get(number="1.1")
    assert task.parent.number == "1" and task.window_display() == "15/11 – 15/12"
    assert list(task.lead_units.all()) == [world.commune_a]
    # A unit outside the office's scope cannot be slipped in.
    data["number_symbol"] = "301/UBND-LĐTBXH"
    data["tasks-1-lead_units"] = [world.commune_c.pk]
    response = client.post(reverse("directives:create"), data)
    assert response.status_code == 200
    assert not Directive.objects.filter(number_symbol="301/UBND-LĐTBXH").exists()


def test_it_loads_the_seed_dispatch_in_full_and_idempotently(db):
    from binhdang.demo.steps import s10_units, s20_directive

    out = io.StringIO()
    s10_units.run(out)
    s20_directive.run(out)
    seed = Directive.objects.get(number_symbol="760/UBND-LĐTBXH")
    items = list(seed.tasks.exclude(parent=None).values_list("number", flat=True))
    expected = ["1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "3.3", "3.4", "3.5"]
    expected += ["4.1", "4.2", "4.3", "5.1", "5.2", "5.3", "5.4"]
    assert items == expected
    assert seed.tasks.filter(parent=None).count() == 5
    assert seed.implements.number_symbol == "961/UBND-VHXH"
    assert seed.status == DirectiveStatus.ISSUED
    assert seed.signer_name == "Đặng Thị Phượng" and seed.signing_authority == "KT. CHỦ TỊCH"
    assert seed.distribution_lines()[-1] == "- Lưu: VT, VHXH."
    assert seed.tasks.get(number="5.4").due_on == date(2023, 12, 5)
    assert seed.tasks.get(number="1.3").window_display() == "15/11 – 15/12"
    assert "Tổ chức mít tinh" not in seed.tasks.get(number="1.3").text
    assert seed.tasks.get(number="4.3").text.count("\n- ") == 3
    footnotes = dict(
        seed.legal_bases.exclude(footnote_marker="").values_list("footnote_marker", "text")
    )
    assert footnotes["1"].startswith("Nghị quyết số 28/NQ-CP ngày 03/3/2021")
    assert "45/QĐ-TTg ngày 13/01/2022" in footnotes["2"]
    assert seed.legal_bases.get(footnote_marker="").cited_directive == seed.implements
    slugs = set(seed.recipient_groups.values_list("slug", flat=True))
    assert slugs == {"mttq-doan-the", "cac-phong-ban", "luc-luong-vu-trang", "cac-xa"}
    assert TaskAssignment.objects.filter(task__number="5.4", task__directive=seed).count() >= 40
    counts = (
        Directive.objects.count(),
        TaskAssignment.objects.count(),
        TaskProgressNote.objects.count(),
        seed.tasks.count(),
    )
    s20_directive.run(out)
    again = (
        Directive.objects.count(),
        TaskAssignment.objects.count(),
        TaskProgressNote.objects.count(),
        seed.tasks.count(),
    )
    assert counts == again
    assert counts[0] == 2 and counts[2] > 0


def test_the_seed_page_shows_its_emphasis_and_footnote_marks_not_the_markup(db, client):
    from binhdang.accounts.models import User
    from binhdang.demo.steps import s10_units, s20_directive

    out = io.StringIO()
    s10_units.run(out)
    s20_directive.run(out)
    seed = Directive.objects.get(number_symbol="760/UBND-LĐTBXH")
    client.force_login(User.objects.get(username="thuongtruc.vixuyen"))
    page = client.get(reverse("directives:detail", args=[seed.pk])).content.decode()
    assert "<strong>trước ngày 05/12/2023</strong>" in page
    assert "(<em>từ ngày 15/11 đến 15/12</em>)" in page
    assert "2021-2030<sup>1</sup>" in page
    assert "**" not in page and "(*" not in page
    mine = User.objects.get(username="baocao.phulinh")
    client.force_login(mine)
    tasks = client.get(reverse("directives:my_tasks") + "?show=all").content.decode()
    assert "<b>5.4</b>" in tasks and "<b>1.3</b>" in tasks, tasks[-3000:]
    assert "**" not in tasks and "(*" not in tasks


def test_a_directive_page_heads_a_party_body_as_the_party_does(world, client):
    from binhdang.orgunits.models import OrgUnit

    board = OrgUnit.objects.create(
        name="Ban Tuyên giáo Huyện ủy", kind=Kind.PARTY_BOARD, parent=world.district
    )
    directive = make_directive(world, number="12-HD/BTGHU", issuing_unit=board, actor=world.admin)
    client.force_login(world.admin)
    page = client.get(reverse("directives:detail", args=[directive.pk])).content.decode()
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in page
    assert '<span class="above">HUYỆN ỦY VỊ XUYÊN</span><b>BAN TUYÊN GIÁO</b>' in page
    district = make_directive(world, number="13/UBND-LĐTBXH")
    page = client.get(reverse("directives:detail", args=[district.pk])).content.decode()
    assert "<b>ỦY BAN NHÂN DÂN</b><b>HUYỆN VỊ XUYÊN</b>" in page
    assert 'class="above"' not in page
