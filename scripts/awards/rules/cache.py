"""Rules already found valid, kept as JSON by the fingerprint of their bytes and of the code.

JSON, never pickle: a planted `.awards-cache/` could otherwise run code. A cache that cannot be read
is a miss, never an error; one file is kept (the last valid rules), so the folder does not grow.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
from pathlib import Path
from typing import Any

from awards.core.atomic import seal, unseal, write_atomic
from awards.core.fingerprint import code_fingerprint

FORMAT = 3  # 2: sealed with a checksum; 3: with the numbers the campaign publishes


def _file(folder: Path, fingerprint: str) -> Path:
    key = hashlib.sha256(f"{FORMAT}\0{code_fingerprint()}\0{fingerprint}".encode()).hexdigest()
    return folder / f"{key}.json"


def read(folder: Path, fingerprint: str) -> dict[str, Any] | None:
    try:
        sealed = unseal(_file(folder, fingerprint).read_bytes())
        data = json.loads(sealed) if sealed is not None else None  # damaged: a miss
    except (OSError, ValueError, RecursionError):  # RecursionError: JSON nested too deep
        return None
    return data if isinstance(data, dict) else None


def write(folder: Path, fingerprint: str, content: dict[str, Any]) -> None:
    target = _file(folder, fingerprint)
    with contextlib.suppress(OSError):  # a read-only checkout still validates, only slower
        text = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        write_atomic(target, seal(text.encode()))  # a concurrent run reads the old file or the new one
        for old in folder.glob("*.json"):
            if old != target:
                old.unlink(missing_ok=True)
