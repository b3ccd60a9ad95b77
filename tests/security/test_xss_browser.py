"""HTML and script in user text are shown as text and never run, in a real browser: a unit
name, a report narrative, an attached file's name and an indicator's name, as the standing
office sees them (the round page's rows and the dashboard's are written in Python)."""

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PAYLOAD = "<img src=x onerror=alert(1)><script>alert(2)</script>"
SCREENSHOTS = Path("var/screenshots")


@pytest.fixture
def hostile(world, settings, tmp_path):
    from binhdang.indicators.models import DataElement, Indicator
    from binhdang.reporting import services
    from binhdang.reporting.tests.factories import fill, make_round

    settings.MEDIA_ROOT = tmp_path / "media"
    # Its own indicator: a transactional test cannot count on the catalogue the migrations
    # load (an earlier such test empties the tables).
    element = DataElement.objects.create(code="XSS_COUNT", name="Số " + PAYLOAD)
    Indicator.objects.create(
        code="XSS-1", name="Chỉ tiêu " + PAYLOAD, kind="direct", numerator=element,
        target_2025=1, target_2025_comparison=">=",
    )  # fmt: skip
    world.commune_a.name = "Xã " + PAYLOAD
    world.commune_a.save()
    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text="Tường thuật " + PAYLOAD)
    services.attachment_add(
        actor=world.reporter_a,
        submission=submission,
        uploaded=SimpleUploadedFile(
            "<img src=x onerror=alert(3)>.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"
        ),
    )
    # Sent, so that the standing office reads its text (a draft is its unit's alone).
    services.submission_submit(actor=world.reporter_a, submission=submission)
    return reporting_round


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_shows_script_payloads_as_text_and_never_runs_them(world, hostile, page):
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(page.base_url + "/accounts/login/")
    page.fill("#id_username", "standing_office")
    page.fill("#id_password", "pw-standing_office")
    page.click("form.stacked button[type=submit]")
    page.wait_for_url(page.base_url + "/")
    urls = [
        f"/units/{world.commune_a.pk}/",
        f"/rounds/{hostile.slug}/",
        f"/rounds/{hostile.slug}/units/{world.commune_a.pk}/",
        f"/indicators/unit/{world.district.pk}/",
    ]
    seen = ""
    for url in urls:
        response = page.goto(page.base_url + url)
        assert response.status == 200, url
        page.wait_for_load_state("load")
        # Nothing injected: no element from the payload exists in the document.
        assert page.locator("img[src='x']").count() == 0, url
        assert page.locator("script:not([src])").count() == 0, url
        seen += page.inner_text("body")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "security-xss-submission.png"), full_page=True)
    assert dialogs == []
    assert "Xã " + PAYLOAD in seen  # the unit name, as text
    assert "Tường thuật " + PAYLOAD in seen  # the narrative, as text
    assert "onerror=alert(3)" in seen  # the file name, as text (however it was cleaned)
    assert "Chỉ tiêu " + PAYLOAD in seen  # the indicator's name on the dashboard, as text
