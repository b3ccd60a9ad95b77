"""Vietnamese translation catalogues, one per app (src/binhdang/<app>/locale/vi/).

python scripts/i18n.py update   # extract strings, merge into each app's .po, compile .mo
python scripts/i18n.py check    # fail when a catalogue misses a string, has an
                                # untranslated or fuzzy entry, or its .mo is stale
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APPS_DIR = ROOT / "src" / "binhdang"
ARGS = [
    "-l",
    "vi",
    "--no-location",
    "--no-obsolete",
    "--no-wrap",
    "-i",
    "tests/*",
    "-i",
    "migrations/*",
]


def apps() -> list[Path]:
    return sorted(p.parent for p in APPS_DIR.glob("*/apps.py"))


def django_admin(cwd: Path, *args: str) -> None:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "binhdang.settings", "BINHDANG_DEBUG": "1"}
    binary = Path(sys.executable).with_name("django-admin")
    subprocess.run([str(binary), *args], cwd=cwd, env=env, check=True, capture_output=True)


def parse_po(path: Path) -> dict[tuple[str, str], tuple[list[str], bool]]:
    """(msgctxt, msgid) -> (msgstr values, fuzzy) for each entry except the header."""
    entries, current, key, fuzzy = {}, None, None, False
    text = path.read_text(encoding="utf-8")
    for block in re.split(r"\n\s*\n", text):
        fields: dict[str, str] = {}
        is_fuzzy = False
        last = None
        for line in block.splitlines():
            if line.startswith("#,") and "fuzzy" in line:
                is_fuzzy = True
            elif line.startswith("#"):
                continue
            elif m := re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line):
                last = m.group(1)
                fields[last] = m.group(2)
            elif line.startswith('"') and last:
                fields[last] += line[1:-1]
        if "msgid" not in fields or fields["msgid"] == "":
            continue
        key = (fields.get("msgctxt", ""), fields["msgid"])
        values = [v for k, v in fields.items() if k.startswith("msgstr")]
        entries[key] = (values, is_fuzzy)
    del current, fuzzy
    return entries


def po_path(app: Path) -> Path:
    return app / "locale" / "vi" / "LC_MESSAGES" / "django.po"


def update() -> None:
    for app in apps():
        (app / "locale").mkdir(exist_ok=True)
        django_admin(app, "makemessages", *ARGS)
        django_admin(app, "compilemessages", "-l", "vi")
        print(f"updated {po_path(app).relative_to(ROOT)}")
    for po in sorted((APPS_DIR / "locale").glob("*/LC_MESSAGES/*.po")):
        subprocess.run(["msgfmt", "-o", str(po.with_suffix(".mo")), str(po)], check=True)
        print(f"compiled {po.relative_to(ROOT)}")


def check() -> int:
    problems = []
    for app in apps():
        po = po_path(app)
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / app.name
            shutil.copytree(app, copy, ignore=shutil.ignore_patterns("__pycache__"))
            (copy / "locale").mkdir(exist_ok=True)
            django_admin(copy, "makemessages", *ARGS)
            fresh = po_path(copy)
            if not fresh.exists():
                continue
            wanted = set(parse_po(fresh))
        if not po.exists():
            problems.append(f"{app.name}: no catalogue (run make messages)")
            continue
        have = parse_po(po)
        for ctx, msgid in sorted(wanted - set(have)):
            problems.append(f"{app.name}: missing {msgid!r}")
        for ctx, msgid in sorted(set(have) - wanted):
            problems.append(f"{app.name}: obsolete {msgid!r}")
        for (ctx, msgid), (values, fuzzy) in have.items():
            if fuzzy:
                problems.append(f"{app.name}: fuzzy {msgid!r}")
            elif not all(values):
                problems.append(f"{app.name}: untranslated {msgid!r}")
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime - 1:
            with tempfile.TemporaryDirectory() as tmp:
                out = Path(tmp) / "django.mo"
                subprocess.run(["msgfmt", "-o", str(out), str(po)], check=True)
                if not mo.exists() or out.read_bytes() != mo.read_bytes():
                    problems.append(f"{app.name}: django.mo is out of date (run make messages)")
    problems += check_project_catalogues()
    for p in problems:
        print(p)
    print(f"translation catalogues: {len(problems)} problem(s)")
    return 1 if problems else 0


def check_project_catalogues() -> list[str]:
    """src/binhdang/locale/ holds the Vietnamese of Django's own strings that Django's catalogues
    leave out (the admin's headings, form errors): hand-written, so only checked to be
    complete and compiled."""
    problems = []
    for po in sorted((APPS_DIR / "locale").glob("*/LC_MESSAGES/*.po")):
        name = po.relative_to(APPS_DIR)
        for (ctx, msgid), (values, fuzzy) in parse_po(po).items():
            if fuzzy or not all(values):
                problems.append(f"{name}: untranslated {msgid!r}")
        mo = po.with_suffix(".mo")
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "out.mo"
            subprocess.run(["msgfmt", "--check-format", "-o", str(out), str(po)], check=True)
            if not mo.exists() or out.read_bytes() != mo.read_bytes():
                problems.append(f"{name}: .mo is out of date (msgfmt -o {mo.name} {po.name})")
    return problems


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "update":
        update()
    else:
        sys.exit(check())
