"""Personal data law (Luật 91/2025/QH15): the identifiable export encrypted with a passphrase
and logged, the retention command that anonymises closed cases, the printable record of
processing with the legal basis and purpose of each processing."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from binhdang.audit.models import AuditEntry
from binhdang.cases import crypto, exports, services
from binhdang.cases.models import CLOSURE_CHECKLIST, Case, CaseExport, CaseNote

from .conftest import incident_values

PASSPHRASE = "ba con mèo trèo cây cau"


def test_the_identifiable_export_is_encrypted_and_logged(cw, open_case, login):
    case = open_case()
    response = login(cw.worker_a).post(
        reverse("cases:identifiable_export", args=[case.pk]),
        {"passphrase": PASSPHRASE, "reason": "Nạn nhân yêu cầu bản sao dữ liệu"},
    )
    content = response.content
    assert response.status_code == 200 and "Nguyễn Thị Hoa".encode() not in content
    files = exports.open_encrypted_zip(content, PASSPHRASE)
    document = json.loads(files[f"{case.code}.json"])
    assert document["ho_ten"] == "Nguyễn Thị Hoa" and document["dien_thoai"] == "0912 345 678"
    with pytest.raises(exports.ExportError):
        exports.open_encrypted_zip(content, "một mật khẩu sai khác")
    assert CaseExport.objects.get(case=case).reason == "Nạn nhân yêu cầu bản sao dữ liệu"
    entry = AuditEntry.objects.get(action="case.export", object_id=str(case.pk))
    assert entry.sensitive_read and "yêu cầu" not in str(entry.changes)


def test_the_survivor_s_own_data_carries_her_assessment_and_plans(cw, open_case, approve_plan):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    today = timezone.localdate()
    services.assessment_record(actor=cw.worker_a, case=case, assessed_on=today, risk="high",
                               needs={"safety": "Cần chỗ ở an toàn"}, notes="Lo sợ cho hai con")  # fmt: skip
    services.safety_plan_record(actor=cw.worker_a, case=case, risks="Chồng say rượu",
                                actions="Gọi 111", safe_place="Nhà chị gái, 0912 111 222",
                                review_on=today)  # fmt: skip
    approve_plan(case)
    document = json.loads(exports.open_encrypted_zip(
        exports.case_export(case, PASSPHRASE), PASSPHRASE)[f"{case.code}.json"])  # fmt: skip
    (assessment,) = document["danh_gia"]
    assert assessment["ghi_chep"] == "Lo sợ cho hai con"
    assert list(assessment["nhu_cau"].values()) == ["Cần chỗ ở an toàn"]
    assert document["ke_hoach_an_toan"][0]["noi_an_toan"] == "Nhà chị gái, 0912 111 222"
    (plan,) = document["ke_hoach_hanh_dong"]
    assert plan["phien_ban"] == 1 and plan["muc_tieu"][0]["muc_tieu"] == "An toàn tại nhà mẹ đẻ"


def test_a_short_passphrase_or_an_outsider_gets_no_file(cw, open_case, login):
    case = open_case()
    response = login(cw.worker_a).post(reverse("cases:identifiable_export", args=[case.pk]),
                                       {"passphrase": "ngắn", "reason": "Yêu cầu"}, follow=True)  # fmt: skip
    assert "12" in response.content.decode() and response["Content-Type"].startswith("text/html")
    police = login(cw.police_a)
    assert police.post(reverse("cases:identifiable_export", args=[case.pk]),
                       {"passphrase": PASSPHRASE, "reason": "x"}).status_code == 404  # fmt: skip
    assert not CaseExport.objects.exists()


def test_the_open_command_reads_an_export(cw, open_case, tmp_path, monkeypatch):
    case = open_case()
    path = tmp_path / "ca.bdcase"
    path.write_bytes(exports.case_export(case, PASSPHRASE))
    monkeypatch.setattr("getpass.getpass", lambda prompt="": PASSPHRASE)
    call_command("open-case-export", str(path), into=str(tmp_path / "out"), stdout=StringIO())
    assert "Nguyễn Thị Hoa" in (tmp_path / "out" / f"{case.code}.json").read_text(encoding="utf-8")


def _closed(cw, open_case, approve_plan, days_ago):
    case = open_case()
    services.supervisor_assign(actor=cw.worker_a, case=case, supervisor=cw.supervisor)
    services.incident_record(actor=cw.worker_a, case=case, **incident_values())
    services.note_add(actor=cw.worker_a, case=case, text="Ghi chép riêng")
    today = timezone.localdate()
    services.assessment_record(actor=cw.worker_a, case=case, assessed_on=today, risk="high",
                               needs={"safety": "Cần chỗ ở an toàn"}, notes="Lo sợ chồng")  # fmt: skip
    services.safety_plan_record(actor=cw.worker_a, case=case, risks="Chồng say rượu",
                                actions="Gọi 111", safe_place="Nhà chị gái, 0912 111 222",
                                review_on=today)  # fmt: skip
    approve_plan(case)
    services.closure_request(actor=cw.worker_a, case=case,
                             checklist=dict.fromkeys(CLOSURE_CHECKLIST, True))  # fmt: skip
    services.closure_approve(actor=cw.supervisor, case=case)
    Case.objects.filter(pk=case.pk).update(closed_at=timezone.now() - timedelta(days=days_ago))
    return case


def test_retention_anonymises_cases_closed_over_five_years_ago(cw, open_case, approve_plan):
    old = _closed(cw, open_case, approve_plan, 5 * 366)
    recent = _closed(cw, open_case, approve_plan, 30)
    out = StringIO()
    call_command("apply-case-retention", "--dry-run", stdout=out)
    assert out.getvalue().startswith("1 ")
    assert Case.objects.get(pk=old.pk).name_enc
    call_command("apply-case-retention", stdout=StringIO())
    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.name_enc == "" and old.phone_index == "" and old.anonymised_at is not None
    assert old.incidents.get().perpetrator_identity_enc == ""
    assert not CaseNote.objects.filter(case=old).exists()
    assert old.assessments.get().notes_enc == "" and old.safety_plans.get().safe_place_enc == ""
    assert crypto.decrypt(recent.safety_plans.get().safe_place_enc) == "Nhà chị gái, 0912 111 222"
    assert old.incidents.get().core_type == "physical_assault"  # the facts stay for statistics
    assert crypto.decrypt(recent.name_enc) == "Nguyễn Thị Hoa"
    assert AuditEntry.objects.filter(action="case.retention").count() == 1


def test_the_record_of_processing_names_each_legal_basis_and_purpose(cw, login):
    page = login(cw.worker_a).get(reverse("cases:processing")).content.decode()
    assert "Căn cứ pháp lý" in page and "Mục đích" in page
    assert "Luật 13/2022/QH15, Điều 22-26" in page and "Điều 37" in page
    assert login(cw.stats).get(reverse("cases:processing")).status_code == 404
