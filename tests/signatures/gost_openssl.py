"""Real qualified signatures made by OpenSSL's GOST engine (libengine-gost-openssl).

A test certification centre, a GOST R 34.10-2012 certificate with Russian name
attributes (SN, G, title, O, ИНН, ОГРН, СНИЛС) and detached CMS signatures, as
a director's token from the tax service would make them.
"""

import shutil
import subprocess

import pytest

SUBJECT = (
    "/CN=Вишнякова Анна Борисовна/SN=Вишнякова/GN=Анна Борисовна/title=Директор"
    "/O=МБОУ СШ № 7/C=RU/1.2.643.3.131.1.1=007700000000"
    "/1.2.643.100.1=1027700000000/1.2.643.100.3=12345678901"
)
CA_CONFIG = """
[ca]
default_ca = test_ca
[test_ca]
database = index.txt
new_certs_dir = .
serial = serial
default_md = {digest}
policy = any_name
[any_name]
commonName = supplied
"""


def openssl(*args, cwd):
    result = subprocess.run(
        ["openssl", *args], cwd=cwd, capture_output=True, check=False
    )
    if result.returncode:
        raise RuntimeError(result.stderr.decode(errors="replace"))
    return result.stdout


def gost_engine_available():
    if shutil.which("openssl") is None:
        return False
    result = subprocess.run(
        ["openssl", "engine", "gost"], capture_output=True, check=False
    )
    return result.returncode == 0


requires_gost = pytest.mark.skipif(
    not gost_engine_available(),
    reason="OpenSSL's GOST engine is missing (scripts/test installs libengine-gost-openssl)",
)


class GostCA:
    """A certification centre in ``directory`` and its director's certificates."""

    def __init__(self, directory, curve="A", algorithm="gost2012_256"):
        self.dir = directory
        self.algorithm = algorithm
        self.curve = curve
        digest = "md_gost12_512" if algorithm.endswith("512") else "md_gost12_256"
        (directory / "ca.cnf").write_text(CA_CONFIG.format(digest=digest))
        (directory / "index.txt").write_text("")
        (directory / "index.txt.attr").write_text("unique_subject = no\n")
        (directory / "serial").write_text("1000\n")
        self._key("ca.key")
        self.run(
            "req",
            "-engine",
            "gost",
            "-x509",
            "-new",
            "-key",
            "ca.key",
            "-days",
            "365",
            "-utf8",
            "-subj",
            "/CN=Тестовый УЦ ФНС/O=Тест/C=RU",
            "-out",
            "ca.pem",
        )

    def run(self, *args):
        return openssl(*args, cwd=self.dir)

    def _key(self, name):
        self.run(
            "genpkey",
            "-engine",
            "gost",
            "-algorithm",
            self.algorithm,
            "-pkeyopt",
            f"paramset:{self.curve}",
            "-out",
            name,
        )

    def certificate(self, name, start="", end=""):
        """A director's certificate ``name``.pem (valid from ``start`` to ``end``)."""
        self._key(f"{name}.key")
        self.run(
            "req",
            "-engine",
            "gost",
            "-new",
            "-key",
            f"{name}.key",
            "-utf8",
            "-subj",
            SUBJECT,
            "-out",
            f"{name}.csr",
        )
        dates = ["-days", "30"]
        if start:
            dates = ["-startdate", start, "-enddate", end]
        self.run(
            "ca",
            "-engine",
            "gost",
            "-batch",
            "-config",
            "ca.cnf",
            "-utf8",
            "-preserveDN",
            "-notext",
            "-cert",
            "ca.pem",
            "-keyfile",
            "ca.key",
            "-in",
            f"{name}.csr",
            "-out",
            f"{name}.pem",
            *dates,
        )
        return name

    def sign(self, data, name="director", digest="md_gost12_256", outform="DER"):
        """A detached CMS signature of ``data`` by ``name``'s certificate."""
        (self.dir / "content.bin").write_bytes(data)
        self.run(
            "cms",
            "-sign",
            "-engine",
            "gost",
            "-binary",
            "-md",
            digest,
            "-in",
            "content.bin",
            "-signer",
            f"{name}.pem",
            "-inkey",
            f"{name}.key",
            "-outform",
            outform,
            "-out",
            "content.sig",
        )
        return (self.dir / "content.sig").read_bytes()
