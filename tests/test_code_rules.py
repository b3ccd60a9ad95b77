"""Rules of the code that keep a class of defect from coming back."""

import re
from pathlib import Path

SRC = Path(__file__).resolve().parent.parent / "src" / "binhdang"


def _sources():
    for path in SRC.rglob("*.py"):
        if "tests" not in path.parts and "migrations" not in path.parts:
            yield path, path.read_text(encoding="utf-8")


def test_ids_from_requests_are_read_by_parse_id_only():
    # "²".isdigit() is True and int("²") fails: an id read that way is a 500 waiting.
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path, text in _sources()
        for n, line in enumerate(text.splitlines(), 1)
        if re.search(r"\.isdigit\(\)", line) and path.name != "numbers.py"
    ]
    assert not offenders, offenders


def test_numbers_are_not_grouped_by_django_for_the_whole_site():
    from django.conf import settings

    # Ids and form values must print plainly; quantities go through the num/pct/fig filters.
    assert settings.USE_THOUSAND_SEPARATOR is False


def test_no_template_turns_localisation_back_on_or_uses_floatformat():
    offenders = [
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.html")
        if re.search(r"\{% localize on|floatformat|intcomma", path.read_text(encoding="utf-8"))
    ]
    assert not offenders, offenders


def _imports(path: Path, src: Path = SRC) -> list[tuple[int, str]]:
    """(line, module) of every import in a file; relative imports resolved to absolute."""
    import ast

    package = ".".join(path.relative_to(src.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join(base + ([node.module] if node.module else []))
            else:
                module = node.module or ""
            found.append((node.lineno, module))
    return found


# The libraries below the domain apps: each may import only these parts of the project.
LIBRARIES = {
    "documents/engine": ("binhdang.documents.engine", "binhdang.formats", "binhdang.charts"),
    "charts": ("binhdang.charts", "binhdang.formats"),
    "formats": ("binhdang.formats",),
}


def test_the_document_engine_and_the_libraries_under_it_import_no_domain_app():
    # documents/engine renders Decree 30 documents from the data it is given; it must not
    # reach back up into the apps whose models hold that data (nor into documents itself).
    offenders = []
    for folder, allowed in LIBRARIES.items():
        files = sorted((SRC / folder).rglob("*.py"))
        assert files, folder
        for path in files:
            if "tests" in path.parts:
                continue
            for line, module in _imports(path):
                if module.startswith("binhdang") and not module.startswith(allowed):
                    offenders.append(f"{path.relative_to(SRC)}:{line} imports {module}")
                if module.startswith("django.db") or module.endswith(".models"):
                    offenders.append(f"{path.relative_to(SRC)}:{line} imports {module}")
    assert not offenders, offenders


def test_the_import_rule_sees_an_import_of_a_domain_app(tmp_path):
    engine = tmp_path / "binhdang" / "documents" / "engine"
    engine.mkdir(parents=True)
    (engine / "bad.py").write_text(
        "from ..models import DocumentJob\nfrom binhdang.reporting import selectors\n"
        "from . import types\n"
    )
    found = [module for _line, module in _imports(engine / "bad.py", tmp_path / "binhdang")]
    assert found == [
        "binhdang.documents.models",
        "binhdang.reporting",
        "binhdang.documents.engine",
    ]


# Writers of memberships, not readers for access: the demo, the benchmarks' own users, and the
# accounts app that manages them.
MEMBERSHIP_WRITERS = ("accounts", "demo", "management")


def test_only_accounts_scoping_reads_memberships_for_access():
    # Every access rule lives in accounts/scoping.py; a second reader of memberships is a
    # second, unreviewed rule.
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path, text in _sources()
        if not any(part in MEMBERSHIP_WRITERS for part in path.relative_to(SRC).parts)
        for n, line in enumerate(text.splitlines(), 1)
        if re.search(r"\bMembership\b|memberships__|\.memberships\b", line)
        and not line.lstrip().startswith(("#", '"'))
    ]
    assert not offenders, offenders


def test_views_and_api_handlers_write_no_query():
    # Parse, authorize through a selector, call a service, render: a query written in a view
    # is a read nobody scoped.
    offenders = [
        f"{path.relative_to(SRC)}:{n}"
        for path, text in _sources()
        if path.name in ("views.py", "api.py") and path.parent != SRC
        for n, line in enumerate(text.splitlines(), 1)
        if re.search(r"\b[A-Z]\w+\.objects\b", line)
    ]
    assert not offenders, offenders
