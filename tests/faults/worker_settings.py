"""The project's settings plus a document kind that blocks (see blocking_documents)."""

from binhdang.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.faults.blocking_documents"]  # noqa: F405
