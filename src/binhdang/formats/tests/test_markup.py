"""The inline markup of a directive's text: **bold**, *italic*, footnote marks."""

from binhdang.formats.markup import html, plain, renumber_notes, spans


def test_it_reads_bold_italic_and_footnote_marks_as_the_seed_writes_them():
    text = "gửi **trước ngày 05/12/2023** (*đồng gửi bản mềm*) theo Chiến lược¹ và [^2]."
    styles = [(s.style, s.text) for s in spans(text) if s.style]
    assert styles == [
        ("bold", "trước ngày 05/12/2023"),
        ("italic", "đồng gửi bản mềm"),
        ("note", "1"),
        ("note", "2"),
    ]
    assert plain(text) == "gửi trước ngày 05/12/2023 (đồng gửi bản mềm) theo Chiến lược và ."


def test_it_leaves_a_lone_star_as_typed():
    assert plain("Các chỉ tiêu (*) và 2 * 3") == "Các chỉ tiêu (*) và 2 * 3"


def test_it_escapes_html_and_shows_the_emphasis():
    assert html("<b>x</b> **đậm** *nghiêng*²") == (
        "&lt;b&gt;x&lt;/b&gt; <strong>đậm</strong> <em>nghiêng</em><sup>2</sup>"
    )


def test_it_renumbers_marks_to_the_notes_places_and_keeps_unknown_ones():
    assert renumber_notes("a¹ b² c³ **d**", {"1": 1, "2": 2}) == "a[^1] b[^2] c³ **d**"
