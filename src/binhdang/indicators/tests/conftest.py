import pytest

from binhdang.indicators.services import load_catalogue


@pytest.fixture
def catalogue(db):
    """The strategy's catalogue of data elements, indicators and rules, as shipped."""
    load_catalogue()
