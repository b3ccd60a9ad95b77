"""A generated document (a job's PDF) signed by the leader from the job's page: stored once
beside it with the hash of what was signed, valid for pyHanko, in the audit log."""

import hashlib

import pytest
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.exchange import pades
from binhdang.exchange.models import SignedFile
from binhdang.exchange.tests.permission_cases import _pdf_job
from tests.html_forms import form

pytestmark = pytest.mark.django_db


def test_the_leader_signs_a_generated_pdf_from_its_page(world, certificate, client, tmp_path):
    job = _pdf_job(world)
    original = job.file.read()
    job.file.close()
    page_url = reverse("documents:job", kwargs={"pk": job.pk})
    client.force_login(world.viewer)
    assert 'id="sign-form"' not in client.get(page_url).content.decode()
    client.force_login(world.leader)
    sign_form = form(client.get(page_url).content.decode(), id="sign-form")
    assert client.post(sign_form.action, sign_form.data()).status_code == 302
    signed = SignedFile.objects.get()
    assert (signed.source_kind, signed.source_id) == ("document_job", job.pk)
    assert signed.source_sha256 == hashlib.sha256(original).hexdigest()
    data = signed.file.read()
    assert data.startswith(original) and hashlib.sha256(data).hexdigest() == signed.sha256
    result = pades.verify_pdf(data, trust_roots=pades.trust_roots_in(tmp_path / "trust"))
    assert result.status == pades.VALID, result.reasons
    assert AuditEntry.objects.get(action="document.sign").changes["signed_sha256"] == signed.sha256
    page = client.get(page_url).content.decode()
    assert reverse("exchange:signed_download", kwargs={"pk": signed.pk}) in page
    assert 'id="sign-form"' not in page
    client.force_login(world.viewer)
    download = client.get(reverse("exchange:signed_download", kwargs={"pk": signed.pk}))
    assert b"".join(download.streaming_content) == data
    # A second press is refused; nothing is added.
    client.force_login(world.leader)
    answer = client.post(sign_form.action, sign_form.data(), follow=True).content.decode()
    assert "đã được ký" in answer and SignedFile.objects.count() == 1
