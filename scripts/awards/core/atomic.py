"""Cache files written whole or not at all, and read back only when they are what was written.

Writes go to a temporary file in the same folder, are flushed to the disk (fsync) and renamed over the
old file: a crash or a concurrent run leaves the old file or the new one, never half of each. Each
line of a cache carries a CRC-32 of its bytes, so a damaged line (a torn write on a file system without
ordered metadata, a bit flip, a hand edit) is a miss and nothing else.

CRC-32, not a cryptographic hash: the threat is damage, not forgery. A forged cache can only mislead
the checkout it was planted in, and CI never reads one. The standard library has no atomic-write
helper (the `atomicwrites` package is archived by its author), hence these few lines.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import zlib
from pathlib import Path


def write_atomic(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: write, fsync, rename (OSError if the folder is not writable)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        Path(tmp).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(tmp).unlink()
        raise
    # The rename itself is durable once the folder is synced; not every file system lets us open one.
    with contextlib.suppress(OSError):
        folder = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def seal(line: bytes) -> bytes:
    """`line` with its checksum in front (eight hex digits and a tab)."""
    return b"%08x\t%s" % (zlib.crc32(line), line)


def unseal(sealed: bytes) -> bytes | None:
    """The line `seal` was given, or None when the checksum does not match (a damaged line)."""
    if len(sealed) < 9 or sealed[8:9] != b"\t":
        return None
    line = sealed[9:]
    try:
        expected = int(sealed[:8], 16)
    except ValueError:
        return None
    return line if zlib.crc32(line) == expected else None
