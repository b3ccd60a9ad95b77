from django.apps import AppConfig


class FormatsConfig(AppConfig):
    """Only so that the messages of the parsers have a Vietnamese catalogue."""

    name = "binhdang.formats"
    label = "formats"
