"""The `binhdang` console script: the project's manage.py."""

import importlib
import os
import re
import shlex
import sys

# Why the settings refused to load, in the words a person running the command needs.
_REASONS = {
    "BINHDANG_SECRET_KEY": "chưa đặt khóa bí mật BINHDANG_SECRET_KEY (bắt buộc khi chạy thật)",
    "BINHDANG_ALLOWED_HOSTS": "chưa đặt BINHDANG_ALLOWED_HOSTS (tên máy chủ, bắt buộc khi chạy "
    "thật)",
}


def settings_problem(exc: Exception, argv: list[str]) -> str:
    """One line saying which variable to set, or how to run in development."""
    text = str(exc)
    found = re.search(r"BINHDANG_[A-Z_]+", text)
    variable = found.group(0) if found else ""
    reason = _REASONS.get(variable, f"cấu hình chưa hợp lệ ({text})")
    if "development secret key" in text:
        reason = "BINHDANG_SECRET_KEY đang là khóa dành cho phát triển, không dùng khi chạy thật"
    command = shlex.join(["binhdang", *argv[1:]]) if len(argv) > 1 else "binhdang runserver"
    target = f"đặt {variable}" if variable else "sửa cấu hình"
    return (
        f"binhdang: {reason}. Hãy {target} (xem README, mục Configuration), hoặc chạy ở chế độ "
        f"phát triển: BINHDANG_DEBUG=1 {command}"
    )


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        importlib.import_module(os.environ["DJANGO_SETTINGS_MODULE"])
    except ImproperlyConfigured as exc:
        sys.stderr.write(settings_problem(exc, sys.argv) + "\n")
        sys.exit(2)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
