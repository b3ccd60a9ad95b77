import pytest

from binhdang.exchange.models import SigningCertificate

from .helpers import trust_folder
from .pki import PASSPHRASE, make_authority


@pytest.fixture(scope="session")
def authority():
    return make_authority()


@pytest.fixture
def trusted(settings, tmp_path, authority):
    """The test CA is the trust list; files are stored under the test's folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.BINHDANG_SIGNING_TRUST_DIR = trust_folder(tmp_path, authority)
    return authority


@pytest.fixture
def certificate(world, trusted, tmp_path, monkeypatch):
    """Huyện Vị Xuyên signs with a PKCS#12 file on disk whose passphrase is in the
    environment."""
    signer = trusted.issue("Đặng Thị Phượng")
    path = tmp_path / "keys" / "vixuyen.p12"
    path.parent.mkdir()
    path.write_bytes(signer.p12())
    monkeypatch.setenv("BINHDANG_TEST_SIGNING_PASSPHRASE", PASSPHRASE)
    return SigningCertificate.objects.create(
        org_unit=world.district,
        label="Chứng thư số UBND huyện Vị Xuyên",
        p12_path=str(path),
        secret_env="BINHDANG_TEST_SIGNING_PASSPHRASE",
    )
