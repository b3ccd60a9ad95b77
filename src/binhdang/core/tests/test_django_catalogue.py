"""Django's own Vietnamese catalogues leave some messages untranslated (the admin's table
headings "Model name / Add link", its JavaScript widgets, some form errors); the project's
catalogue (LOCALE_PATHS) fills them. This lists whatever a Django upgrade adds."""

import re
from pathlib import Path

import django
import pytest
from django.utils import translation

DJANGO = Path(django.__file__).parent


def _entries(app: str, language: str) -> dict[str, str]:
    """msgid -> msgstr of one of Django's catalogues (single-line, context-free entries)."""
    path = DJANGO / app / "locale" / language / "LC_MESSAGES" / "django.po"
    out = {}
    for block in re.split(r"\n\s*\n", path.read_text("utf-8")):
        if "msgctxt" in block or "msgid_plural" in block:
            continue  # looked up through pgettext/ngettext; checked by the pages below
        m = re.search(r'^msgid "(.+)"\nmsgstr "(.*)"$', block, re.M)
        if m:
            out[m.group(1).replace('\\"', '"')] = m.group(2)
    return out


def _msgids(app: str) -> list[str]:
    """Django's messages that its Vietnamese catalogue leaves empty."""
    vietnamese = _entries(app, "vi")
    return [m for m in _entries(app, "en") if not vietnamese.get(m)]


@pytest.mark.parametrize("app", ["contrib/admin", "contrib/auth"])
def test_it_translates_every_message_of_the_admin_and_auth(app):
    with translation.override("vi"):
        untranslated = [m for m in _msgids(app) if translation.gettext(m) == m]
    assert untranslated == []


def test_it_shows_the_admin_index_headings_in_vietnamese(world, login):
    html = login(world.admin).get("/admin/").content.decode()
    assert "Tên mô hình" in html and "Model name" not in html and "Add link" not in html


def test_it_translates_the_admins_javascript_widgets(world, login):
    js = login(world.admin).get("/admin/jsi18n/").content.decode()
    assert "Ch\\u1ee7 nh\\u1eadt" in js or "Chủ nhật" in js  # Sunday, in the calendar
    assert "Remove all %s" in js  # the key, with its Vietnamese value beside it
    assert "B\\u1ecf t\\u1ea5t c\\u1ea3 %s" in js or "Bỏ tất cả %s" in js


def test_it_says_null_characters_are_refused_in_vietnamese():
    with translation.override("vi"):
        assert "không lưu được" in translation.gettext("Null characters are not allowed.")
