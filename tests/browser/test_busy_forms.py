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
    held = []  # the upload is held, as a large file keeps the server busy

    def hold(route):
        if route.request.method == "POST":
            held.append(route)
        else:
            route.continue_()

    page.route("**/indicators/upload/", hold)
    page.click("form[data-busy] button[type=submit]", no_wait_after=True)
    # While the request is out the page is the old one: read it directly (a locator would
    # wait for the navigation to end).
    shown = page.evaluate(
        """() => ({
            text: (document.querySelector(".busy-status") || {}).textContent || "",
            disabled: document.querySelector("form[data-busy] button[type=submit]").disabled,
        })"""
    )
    assert "Đang đọc và kiểm tra tệp" in shown["text"]
    assert shown["disabled"]
    assert len(held) == 1, "the upload was sent once"
    held[0].continue_()
    page.wait_for_selector(".errorlist", timeout=10000)  # the server's refusal arrives
    assert page.locator(".busy-status").count() == 0  # a fresh page, ready for another try
