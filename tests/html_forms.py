"""Read the forms of a rendered page the way a browser submits them, so tests press the real
buttons: field names and values come from the HTML, never written by hand.

    forms(html) -> [Form]            every <form> of the page
    form(html, id=, action=, has=)   the first form with this id / action part / field
    forms_to(html, action)           the forms that post to exactly this path
    Form.data(button, **changes)     what the browser posts when `button` is pressed
    Form.value(name)                 the value the form would send for `name`
    Form.option(name, label)         the value of the option of select `name` whose text matches
    Form.tick(name, value)           choose a radio button
    rows(html, table_id)             the text of the body cells of a table
    count_tags(html, tag)            how many <tag> the page has
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import NamedTuple


def _text(html: str | bytes) -> str:
    return html.decode() if isinstance(html, bytes) else html


def _squash(text: str) -> str:
    return " ".join(text.split())


class Option(NamedTuple):
    value: str
    label: str  # its text, whitespace collapsed
    selected: bool


@dataclass
class Control:
    tag: str  # input, textarea, select, button
    attrs: dict
    value: str = ""  # the value attribute; a textarea's text
    options: list[Option] = field(default_factory=list)  # of a select
    label: str = ""  # the text of the <label for=...> of this control
    text: str = ""  # a button's text (an <input type=submit>'s value)

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")

    @property
    def type(self) -> str:
        return self.attrs.get("type", "submit" if self.tag == "button" else "text").lower()

    @property
    def is_button(self) -> bool:
        return self.type == "submit" and self.tag in ("button", "input")

    @property
    def disabled(self) -> bool:
        return "disabled" in self.attrs


@dataclass
class Form:
    attrs: dict
    controls: list[Control] = field(default_factory=list)

    @property
    def action(self) -> str:
        return self.attrs.get("action", "")

    @property
    def method(self) -> str:
        return self.attrs.get("method", "get").lower()

    @property
    def buttons(self) -> list[Control]:
        """The submit buttons, in page order."""
        return [c for c in self.controls if c.is_button]

    def control(self, name: str | None = None, *, label: str | None = None) -> Control:
        """The control with this name, or the one whose label matches the `label` regex."""
        for control in self.controls:
            if name is not None and control.name == name:
                return control
            if label is not None and re.search(label, control.label):
                return control
        raise LookupError(f"no control {name or label!r} in form {self.attrs}")

    def names(self, prefix: str = "", *, tag: str | None = None) -> list[str]:
        """The names of the fields (not buttons) starting with `prefix`, of one `tag` if given."""
        return [
            c.name
            for c in self.controls
            if c.name.startswith(prefix) and not c.is_button and tag in (None, c.tag)
        ]

    def button(self, pressed: str) -> Control:
        """The submit button whose value or text is `pressed` (one, or several alike)."""
        found = [c for c in self.buttons if pressed in (c.value, c.text)]
        if not found or len({(c.name, c.value) for c in found}) > 1:
            raise LookupError(f"{len(found)} buttons {pressed!r} in form {self.attrs}")
        return found[0]

    def data(self, button: str | Control | None = None, **changes) -> dict:
        """What the browser posts: successful controls, plus the pressed button (a button, or
        its value or text). `changes` set a field (a list for several values, None to drop it)."""
        out: dict[str, list[str]] = {}
        for control in self.controls:
            if not control.name or control.is_button or control.disabled:
                continue
            if control.tag == "button" or control.type in ("button", "reset", "file", "image"):
                continue
            if control.type in ("checkbox", "radio"):
                if "checked" in control.attrs:
                    out.setdefault(control.name, []).append(control.attrs.get("value", "on"))
            elif control.tag == "select":
                chosen = [o.value for o in control.options if o.selected]
                if not chosen and control.options and "multiple" not in control.attrs:
                    chosen = [control.options[0].value]
                out.setdefault(control.name, []).extend(chosen)
            else:
                out.setdefault(control.name, []).append(control.value)
        if button is not None:
            pressed = button if isinstance(button, Control) else self.button(button)
            if pressed.name:
                out[pressed.name] = [pressed.value]
        for name, value in changes.items():
            if value is None:
                out.pop(name, None)
            else:
                out[name] = value if isinstance(value, list) else [value]
        return {k: v if len(v) > 1 else v[0] for k, v in out.items() if v}

    def value(self, name: str) -> str | None:
        """The (first) value the form sends for `name` with no button pressed, else None."""
        sent = self.data().get(name)
        return sent[0] if isinstance(sent, list) else sent

    def tick(self, name: str, value: str) -> None:
        """Choose a radio button (and untick the others of its group)."""
        for control in self.controls:
            if control.name == name and control.type == "radio":
                control.attrs.pop("checked", None)
                if control.attrs.get("value") == value:
                    control.attrs["checked"] = ""

    def option(self, name: str, label: str) -> str:
        """The value of the first option of select `name` whose text matches the `label` regex."""
        for option in self.control(name).options:
            if re.search(label, option.label):
                return option.value
        raise LookupError(f"no option {label!r} in {name}")


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.tags: dict[str, int] = {}
        self.form: Form | None = None
        self.text_of: Control | None = None  # textarea or button being read
        self.select: Control | None = None
        self.option: list | None = None  # [value, text, selected]
        self.labels: dict[str, str] = {}
        self.label_for: str | None = None
        self.label_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        attrs = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.form = Form(attrs)
            self.forms.append(self.form)
        elif tag == "label":
            self.label_for, self.label_text = attrs.get("for"), []
        elif self.form is None:
            return
        elif tag == "input":
            control = Control("input", attrs, attrs.get("value", ""))
            if control.is_button:
                control.text = control.value
            self.form.controls.append(control)
        elif tag in ("textarea", "button"):
            value = attrs.get("value", "") if tag == "button" else ""
            self.text_of = Control(tag, attrs, value)
            self.form.controls.append(self.text_of)
        elif tag == "select":
            self.select = Control("select", attrs)
            self.form.controls.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "", "selected" in attrs]

    def handle_data(self, data):
        if self.text_of is not None:
            if self.text_of.tag == "textarea":
                self.text_of.value += data
            else:
                self.text_of.text += data
        if self.option is not None:
            self.option[1] += data
        if self.label_for is not None:
            self.label_text.append(data)

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag in ("textarea", "button"):
            if self.text_of is not None and tag == "textarea":
                # A browser drops the newline that follows <textarea>.
                self.text_of.value = self.text_of.value.removeprefix("\n")
            elif self.text_of is not None:
                self.text_of.text = _squash(self.text_of.text)
            self.text_of = None
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            label = _squash(text)
            self.select.options.append(Option(label if value is None else value, label, selected))
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "label" and self.label_for is not None:
            self.labels[self.label_for] = _squash("".join(self.label_text))
            self.label_for = None


def _parse(html: str | bytes) -> _Parser:
    parser = _Parser()
    parser.feed(_text(html))
    parser.close()
    return parser


def forms(html: str | bytes) -> list[Form]:
    parser = _parse(html)
    for form in parser.forms:
        for control in form.controls:
            control.label = parser.labels.get(control.attrs.get("id", ""), "")
    return parser.forms


def form(
    html: str | bytes, *, id: str | None = None, action: str | None = None, has: str | None = None
) -> Form:
    """The form with this id, whose action contains `action`, or with a field named `has`."""
    for candidate in forms(html):
        if id is not None and candidate.attrs.get("id") == id:
            return candidate
        if action is not None and action in candidate.action:
            return candidate
        if has is not None and has in candidate.names():
            return candidate
    raise LookupError(f"no form {id or action or has!r} on the page")


def forms_to(html: str | bytes, action: str) -> list[Form]:
    """The forms whose action is exactly `action` (a path)."""
    return [f for f in forms(html) if f.action == action]


def count_tags(html: str | bytes, tag: str) -> int:
    """How many <tag> elements the page has (inside forms or not)."""
    return _parse(html).tags.get(tag, 0)


def rows(html: str | bytes, table_id: str) -> list[list[str]]:
    """The text of each cell of each body row of the table with this id."""

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__(convert_charrefs=True)
            self.inside = self.in_body = False
            self.depth = 0
            self.rows, self.cell = [], None

        def handle_starttag(self, tag, attrs):
            if tag == "table":
                if self.inside:
                    self.depth += 1
                elif dict(attrs).get("id") == table_id:
                    self.inside = True
            elif self.inside and tag == "tbody":
                self.in_body = True
            elif self.in_body and tag == "tr":
                self.rows.append([])
            elif self.in_body and tag in ("td", "th"):
                self.cell = []

        def handle_data(self, data):
            if self.cell is not None:
                self.cell.append(data)

        def handle_endtag(self, tag):
            if not self.inside:
                return
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append(_squash("".join(self.cell)))
                self.cell = None
            elif tag == "tbody":
                self.in_body = False
            elif tag == "table":
                if self.depth:
                    self.depth -= 1
                else:
                    self.inside = False

    parser = Cells()
    parser.feed(_text(html))
    return parser.rows
