"""The project's settings with the field-visits app: the one line a new app adds."""

from binhdang.settings import *  # noqa: F403
from binhdang.settings import DATABASES, INSTALLED_APPS

INSTALLED_APPS = [*INSTALLED_APPS, "tests.plugin_app"]

# Its own test database, so that it can run beside the suite on the same server.
_default = DATABASES["default"]
if _default["ENGINE"] != "django.db.backends.sqlite3":
    _default["TEST"] = {"NAME": f"test_{_default['NAME']}_plugin"}
