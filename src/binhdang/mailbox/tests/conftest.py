import pytest

from binhdang.mailbox.tests.servers import DOVECOT, Dovecot, SmtpSink


@pytest.fixture
def sink(settings):
    """An SMTP server receiving what the application sends (the acknowledgements)."""
    server = SmtpSink()
    server.controller.start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    yield server
    server.controller.stop()


@pytest.fixture
def dovecot(settings):
    if DOVECOT is None:
        pytest.skip("dovecot is not installed (apt-get install dovecot-imapd); CI installs it")
    server = Dovecot().start()
    for name, value in server.settings().items():
        setattr(settings, name, value)
    yield server
    server.stop()


@pytest.fixture
def mail_round(world):
    from binhdang.reporting.tests.factories import make_round

    from .servers import ROUND_ADDRESS

    return make_round(world, soft_copy_email=ROUND_ADDRESS)
