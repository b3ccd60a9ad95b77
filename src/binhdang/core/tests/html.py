"""Reading the forms a page renders, so tests press the real buttons with the real values.

`page_forms(html)` gives each <form> with its action, method and fields: the inputs' values,
each <select>'s options (value, label, selected) and the textareas' text. Nothing is guessed:
a test that posts what this returns posts what a browser would.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Option:
    value: str
    label: str
    selected: bool


@dataclass
class Select:
    name: str
    id: str
    options: list[Option] = field(default_factory=list)

    def value_for(self, label_part: str) -> str:
        """The value of the first option whose label contains `label_part`."""
        for option in self.options:
            if label_part in option.label:
                return option.value
        raise LookupError(f"no option of {self.name} reads {label_part!r}")


@dataclass
class Form:
    action: str
    method: str
    attrs: dict[str, str] = field(default_factory=dict)
    inputs: dict[str, str] = field(default_factory=dict)
    buttons: list[tuple[str, str, str]] = field(default_factory=list)  # name, value, label
    selects: dict[str, Select] = field(default_factory=dict)
    textareas: dict[str, str] = field(default_factory=dict)

    def data(self) -> dict[str, str]:
        """What submitting the form unchanged would send (hidden, text and selected values)."""
        out = dict(self.inputs)
        for name, select in self.selects.items():
            chosen = [o for o in select.options if o.selected] or select.options[:1]
            if chosen:
                out[name] = chosen[0].value
        out.update(self.textareas)
        return out


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.tags: dict[str, int] = {}
        self._select: Select | None = None
        self._option: Option | None = None
        self._textarea: str | None = None
        self._button: tuple[str, str] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags[tag] = self.tags.get(tag, 0) + 1
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self._button = None
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower(), a))
        if not self.forms:
            return
        form = self.forms[-1]
        if tag == "input" and a.get("name"):
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            if kind in ("submit", "button", "file"):
                return
            form.inputs[a["name"]] = a.get("value", "on" if kind == "checkbox" else "")
        elif tag == "select" and a.get("name"):
            self._select = Select(a["name"], a.get("id", ""))
            form.selects[a["name"]] = self._select
        elif tag == "option" and self._select is not None:
            self._option = Option(a.get("value", ""), "", "selected" in a)
            self._select.options.append(self._option)
            self._text = []
        elif tag == "textarea" and a.get("name"):
            self._textarea = a["name"]
            self._text = []
        elif tag == "button" and a.get("type", "submit") == "submit":
            self._button = (a.get("name", ""), a.get("value", ""))
            self._text = []

    def handle_data(self, data):
        if self._option is not None or self._textarea is not None or self._button is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "option" and self._option is not None:
            self._option.label = "".join(self._text).strip()
            self._option = None
        elif tag == "select":
            self._select = None
        elif tag == "button" and self._button is not None:
            self.forms[-1].buttons.append((*self._button, "".join(self._text).strip()))
            self._button = None
        elif tag == "textarea" and self._textarea is not None:
            self.forms[-1].textareas[self._textarea] = "".join(self._text).lstrip("\n")
            self._textarea = None


def parse(html: str | bytes) -> _Parser:
    parser = _Parser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    parser.close()
    return parser


def page_forms(html: str | bytes) -> list[Form]:
    return parse(html).forms


def count_tags(html: str | bytes, tag: str) -> int:
    return parse(html).tags.get(tag, 0)
