"""The peer: `check-jsonschema` on the same record files, against JSON Schemas equivalent to ours.

Each Cerberus schema in rules/schemas/ is translated rule by rule (type, required, nullable, min,
`empty: false` as minLength 1, nested `schema` as properties, no unknown keys). The peer checks the
structure only: our field checks (ID numbers, phones, dates, photos, word limits) have no JSON Schema
equivalent, so the comparison flatters the peer.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

TYPES = {"string": "string", "integer": "integer", "boolean": "boolean", "dict": "object", "list": "array"}
BATCH = 4000  # files per command line (the argument list has a size limit)


def translate(schema: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {}
    required = []
    for name, rule in schema.items():
        out: dict[str, Any] = {}
        kind = TYPES[rule["type"]]
        out["type"] = [kind, "null"] if rule.get("nullable") else kind
        if kind == "string" and not rule.get("empty", False):
            out["minLength"] = 1
        if "min" in rule:
            out["minimum"] = rule["min"]
        if isinstance(rule.get("schema"), dict):
            out.update({k: v for k, v in translate(rule["schema"]).items() if k != "$schema"})
            out["type"] = out["type"] if not rule.get("nullable") else ["object", "null"]
        if rule.get("required"):
            required.append(name)
        props[name] = out
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "properties": props,
        "required": required,
        "additionalProperties": False,
    }


def write_schemas(root: Path, folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    for kind in ("unit", "window", "individual"):
        schema = yaml.safe_load((root / "rules" / "schemas" / f"{kind}.yml").read_text(encoding="utf-8"))
        path = folder / f"{kind}.json"
        path.write_text(json.dumps(translate(schema), ensure_ascii=False, indent=1), encoding="utf-8")
        out[kind] = path
    return out


def command() -> str:
    found = Path(sys.executable).with_name("check-jsonschema")
    return str(found) if found.exists() else shutil.which("check-jsonschema") or "check-jsonschema"


def run(root: Path, folder: Path, files: dict[str, list[Path]]) -> dict[str, Any]:
    """Validate every record file; returns whether all passed."""
    schemas = write_schemas(root, folder)
    ok = True
    for kind, paths in files.items():
        for i in range(0, len(paths), BATCH):
            batch = [str(p) for p in paths[i : i + BATCH]]
            proc = subprocess.run(
                [command(), "--schemafile", str(schemas[kind]), *batch], capture_output=True, check=False
            )
            ok = ok and proc.returncode == 0
    return {"ok": ok}
