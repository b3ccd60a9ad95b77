"""A form a person waits on says so: the Excel upload tells what it is doing while the server
reads the file, and its button cannot send the file twice."""

import pytest


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_excel_upload_says_it_is_working_while_the_server_reads(world, page, tmp_path):
    page.goto(page.base_url + "/indicators/upload/")
    page.fill("#id_username", "reporter_a")
    page.fill("#id_password", "pw-reporter_a")
    page.click("form.stacked button[type=submit]")
    page.wait_for_load_state()
    sample = tmp_path / "so-lieu.xlsx"
    sample.write_bytes(b"not really a workbook")
    page.set_input_files("#file", str(sample))
    # Keep the page where it is after the submit (as while a large file is being read), by a
    # listener that runs after the page's own.
    page.evaluate(
        "document.addEventListener('submit', (e) => { if (window.holdSubmit) e.preventDefault(); })"
    )
    page.evaluate("window.holdSubmit = true")
    page.click("form[data-busy] button[type=submit]")
    page.wait_for_function("document.querySelector('form[data-busy] button[type=submit]').disabled")
    assert "Đang đọc và kiểm tra tệp" in page.locator(".busy-status").inner_text()
    assert page.locator("form[data-busy]").get_attribute("aria-busy") == "true"

    # Sent for real, the server's answer arrives as a fresh page, ready for another try.
    page.evaluate("window.holdSubmit = false; document.querySelector('form[data-busy]').submit()")
    page.wait_for_selector(".errorlist", timeout=10000)
    assert page.locator(".busy-status").count() == 0
