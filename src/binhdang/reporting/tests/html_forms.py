"""Read the forms of a rendered page the way a browser submits them, so tests press the real
buttons: field names and values come from the HTML, never written by hand."""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Control:
    tag: str  # input, textarea, select, button
    attrs: dict
    value: str = ""
    options: list = field(default_factory=list)  # [(value, label, selected)] of a select
    label: str = ""

    @property
    def name(self) -> str:
        return self.attrs.get("name", "")

    @property
    def type(self) -> str:
        return self.attrs.get("type", "submit" if self.tag == "button" else "text").lower()

    @property
    def is_button(self) -> bool:
        return self.type == "submit" and self.tag in ("button", "input")


@dataclass
class Form:
    attrs: dict
    controls: list[Control] = field(default_factory=list)

    @property
    def action(self) -> str:
        return self.attrs.get("action", "")

    def control(self, name: str | None = None, *, label: str | None = None) -> Control:
        """The control with this name, or the one whose label matches the `label` regex."""
        for control in self.controls:
            if name is not None and control.name == name:
                return control
            if label is not None and re.search(label, control.label):
                return control
        raise LookupError(f"no control {name or label!r} in form {self.attrs}")

    def names(self, prefix: str = "") -> list[str]:
        return [c.name for c in self.controls if c.name.startswith(prefix) and not c.is_button]

    def data(self, button: str | None = None, **changes) -> dict:
        """What the browser posts: successful controls, plus the pressed button (its name or
        its text). `changes` set a field (a list for several values, None to drop it)."""
        out: dict[str, list[str]] = {}
        for control in self.controls:
            if not control.name or control.is_button or "disabled" in control.attrs:
                continue
            if control.type in ("checkbox", "radio"):
                if "checked" in control.attrs:
                    out.setdefault(control.name, []).append(control.attrs.get("value", "on"))
            elif control.tag == "select":
                chosen = [v for v, _label, selected in control.options if selected]
                if not chosen and control.options:
                    chosen = [control.options[0][0]]
                out.setdefault(control.name, []).extend(chosen)
            elif control.type not in ("file", "reset"):
                out.setdefault(control.name, []).append(control.value)
        if button is not None:
            pressed = next(
                c
                for c in self.controls
                if c.is_button and (button in (c.attrs.get("value"), c.value.strip()))
            )
            if pressed.name:
                out[pressed.name] = [pressed.attrs.get("value", "")]
        for name, value in changes.items():
            if value is None:
                out.pop(name, None)
            else:
                out[name] = value if isinstance(value, list) else [value]
        return {k: v if len(v) > 1 else v[0] for k, v in out.items()}

    def tick(self, name: str, value: str) -> None:
        """Choose a radio button (and untick the others of its group)."""
        for control in self.controls:
            if control.name == name and control.type == "radio":
                control.attrs.pop("checked", None)
                if control.attrs.get("value") == value:
                    control.attrs["checked"] = ""

    def option(self, name: str, label: str) -> str:
        """The value of the option of select `name` whose text matches the `label` regex."""
        for value, text, _selected in self.control(name).options:
            if re.search(label, text):
                return value
        raise LookupError(f"no option {label!r} in {name}")


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.form: Form | None = None
        self.text_of: Control | None = None  # textarea, button or option being read
        self.select: Control | None = None
        self.option: list | None = None
        self.labels: dict[str, str] = {}
        self.label_for: str | None = None
        self.label_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        if tag == "form":
            self.form = Form(attrs)
            self.forms.append(self.form)
        elif tag == "label":
            self.label_for, self.label_text = attrs.get("for"), []
        elif self.form is None:
            return
        elif tag == "input":
            self.form.controls.append(Control("input", attrs, attrs.get("value", "")))
        elif tag in ("textarea", "button"):
            self.text_of = Control(tag, attrs)
            self.form.controls.append(self.text_of)
        elif tag == "select":
            self.select = Control("select", attrs)
            self.form.controls.append(self.select)
        elif tag == "option" and self.select is not None:
            self.option = [attrs.get("value"), "", "selected" in attrs]

    def handle_data(self, data):
        if self.text_of is not None:
            self.text_of.value += data
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
            self.text_of = None
        elif tag == "option" and self.option is not None:
            value, text, selected = self.option
            self.select.options.append((text.strip() if value is None else value, text, selected))
            self.option = None
        elif tag == "select":
            self.select = None
        elif tag == "label" and self.label_for is not None:
            self.labels[self.label_for] = " ".join("".join(self.label_text).split())
            self.label_for = None


def forms(html: str | bytes) -> list[Form]:
    parser = _Parser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
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
    raise LookupError(f"no form {id or action!r} on the page")


def rows(html: str | bytes, table_id: str) -> list[list[str]]:
    """The text of each cell of each body row of the table with this id."""
    text = html.decode() if isinstance(html, bytes) else html

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
                self.rows[-1].append(" ".join("".join(self.cell).split()))
                self.cell = None
            elif tag == "tbody":
                self.in_body = False
            elif tag == "table":
                if self.depth:
                    self.depth -= 1
                else:
                    self.inside = False

    parser = Cells()
    parser.feed(text)
    return parser.rows
