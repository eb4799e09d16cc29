"""What a cached verdict was reached with: this package's source and the libraries that judge.

Both caches (the rules' and each record file's findings) are dropped when any of it changes, since a
new version may judge otherwise.
"""

from __future__ import annotations

import functools
import hashlib
from importlib import metadata
from pathlib import Path

_LIBRARIES = ("Cerberus", "PyYAML", "python-stdnum", "phonenumbers", "pillow")


PACKAGE = Path(__file__).resolve().parent.parent


def sources() -> list[Path]:
    """Every Python file of the whole `awards` package, not only core/: any stage may change a verdict."""
    return sorted(PACKAGE.rglob("*.py"))


@functools.cache
def code_fingerprint() -> str:
    digest = hashlib.sha256()
    for path in sources():
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + b"\0" + path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={metadata.version(name)}\0".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name}=-\0".encode())
    return digest.hexdigest()
