class CommunicationError(Exception):
    """A refused change; `str(exc)` is a message for the user (Vietnamese through gettext)."""

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = str(message)
        self.field = field
