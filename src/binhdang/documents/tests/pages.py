"""Read the forms a page renders, to press its buttons with the values it renders (never
hand-written ids): `forms(html)` -> [Form], `Form.data(button)` -> what a browser would POST."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Form:
    action: str
    method: str
    attrs: dict
    # (name, value) of every successful control: hidden/text/date inputs, textareas,
    # the selected (else first) option of each select.
    fields: list[tuple[str, str]] = field(default_factory=list)
    # every submit button: {"name", "value", "text", "disabled"}
    buttons: list[dict] = field(default_factory=list)

    def value(self, name: str) -> str | None:
        return next((v for n, v in self.fields if n == name), None)

    def data(self, button: dict | None = None, **overrides) -> dict:
        """The POST body for pressing `button` (default: the first), with `overrides` as if
        the user typed them."""
        out: dict[str, str] = {}
        for name, value in self.fields:
            out.setdefault(name, value)
        button = button if button is not None else (self.buttons[0] if self.buttons else None)
        if button and button.get("name"):
            out[button["name"]] = button.get("value", "")
        out.update(overrides)
        return out


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self.current: Form | None = None
        self.select: dict | None = None
        self.option: dict | None = None
        self.textarea: dict | None = None
        self.button: dict | None = None

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.current = Form(a.get("action", ""), a.get("method", "get").lower(), a)
            self.forms.append(self.current)
            return
        form = self.current
        if form is None:
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind == "submit":
                form.buttons.append(
                    {"name": a.get("name", ""), "value": a.get("value", ""),
                     "text": a.get("value", ""), "disabled": "disabled" in a}
                )  # fmt: skip
            elif kind in ("checkbox", "radio"):
                if "checked" in a and a.get("name"):
                    form.fields.append((a["name"], a.get("value", "on")))
            elif a.get("name") and "disabled" not in a:
                form.fields.append((a["name"], a.get("value", "")))
        elif tag == "select" and a.get("name"):
            self.select = {"name": a["name"], "options": [], "selected": None}
        elif tag == "option" and self.select is not None:
            self.option = {"value": a.get("value"), "text": "", "selected": "selected" in a}
        elif tag == "textarea" and a.get("name"):
            self.textarea = {"name": a["name"], "text": ""}
        elif tag == "button":
            kind = a.get("type", "submit").lower()
            if kind == "submit":
                self.button = {
                    "name": a.get("name", ""), "value": a.get("value", ""), "text": "",
                    "disabled": "disabled" in a,
                }  # fmt: skip
                form.buttons.append(self.button)

    def handle_data(self, data):
        if self.option is not None:
            self.option["text"] += data
        if self.textarea is not None:
            self.textarea["text"] += data
        if self.button is not None:
            self.button["text"] += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            if self.option["value"] is None:
                self.option["value"] = self.option["text"].strip()
            self.select["options"].append(self.option)
            self.option = None
        elif tag == "select" and self.select is not None:
            options = self.select["options"]
            chosen = next((o for o in options if o["selected"]), options[0] if options else None)
            if chosen is not None and self.current is not None:
                self.current.fields.append((self.select["name"], chosen["value"]))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            text = self.textarea["text"]
            if text.startswith("\n"):  # HTML drops the newline right after <textarea>
                text = text[1:]
            self.current.fields.append((self.textarea["name"], text))
            self.textarea = None
        elif tag == "button":
            if self.button is not None:
                self.button["text"] = self.button["text"].strip()
            self.button = None
        elif tag == "form":
            self.current = None


def forms(html: str | bytes) -> list[Form]:
    parser = _Parser()
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return parser.forms


def forms_to(html, action: str) -> list[Form]:
    """The forms that post to `action` (a path)."""
    return [f for f in forms(html) if f.action == action]


def options(html, name: str) -> list[tuple[str, str]]:
    """(value, text) of the options of the select named `name`."""
    parser = _Parser()
    found: list[tuple[str, str]] = []
    original = parser.handle_endtag

    def endtag(tag):
        if tag == "select" and parser.select is not None and parser.select["name"] == name:
            found.extend((o["value"], o["text"].strip()) for o in parser.select["options"])
        original(tag)

    parser.handle_endtag = endtag
    parser.feed(html.decode() if isinstance(html, bytes) else html)
    return found


def bump_ids(*tables: str, start: int = 123_456) -> None:
    """Make the next id of each table above 100,000, so a test sees ids as they are in a
    national database (and a page that prints "123.456" for an id fails)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for i, table in enumerate(tables):
            value = start + i * 1_000
            if connection.vendor == "postgresql":
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, value]
                )
            elif connection.vendor == "sqlite":
                cursor.execute(
                    "UPDATE sqlite_sequence SET seq = %s WHERE name = %s", [value, table]
                )
                if cursor.rowcount == 0:
                    cursor.execute(
                        "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, value]
                    )
            else:  # pragma: no cover - other databases are not supported
                raise NotImplementedError(connection.vendor)
