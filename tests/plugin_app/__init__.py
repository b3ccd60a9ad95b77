"""A domain app that plugs into the shell from its own folder and one INSTALLED_APPS line.

Field visits (thăm hộ gia đình): a reporter records the households their commune visited.
It declares a permission held by reporters, a page, an API route, a navigation entry, a
"my work" provider and a section of units' and consolidated reports, and touches nothing
outside this folder. `settings.py` is the project's settings plus this one app;
`checks.py` holds the tests that run with it (tests/test_plugin_app.py starts them).
"""
