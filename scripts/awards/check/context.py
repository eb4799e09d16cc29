"""What a field check sees, and the registry that maps `meta.check` names in the schemas to code."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from awards.load import Document
from awards.rules import Rules, Unit
from awards.sink import Sink
from awards.workdays import WorkCalendar
from awards.yamlsrc import Path


@dataclass
class Ctx:
    doc: Document
    rules: Rules
    today: dt.date
    sink: Sink
    calendar: WorkCalendar

    @property
    def data(self) -> dict[str, Any]:
        assert self.doc.data is not None
        return self.doc.data

    @property
    def unit(self) -> Unit | None:
        return self.rules.units.get(self.doc.unit or "")

    @property
    def reference(self) -> dt.date:
        ref = self.rules.date("reference_date")
        assert ref is not None  # required by the campaign meta-schema
        return ref

    def emit(self, code: str, path: Path, **params: Any) -> None:
        self.sink.emit(code, self.doc.path, self.doc.mark(*path), **params)

    def sibling(self, path: Path, name: str) -> Any:
        """A field next to `path` in the same mapping (e.g. 性别 beside 身份证号)."""
        node: Any = self.data
        for part in path[:-1]:
            node = node.get(part) if isinstance(node, dict) else None
        return node.get(name) if isinstance(node, dict) else None


# (ctx, path of the field, its value, its meta) -> None; findings go through ctx.emit
FieldCheck = Callable[[Ctx, Path, Any, dict[str, Any]], None]
FIELD_CHECKS: dict[str, FieldCheck] = {}


def field_check(name: str) -> Callable[[FieldCheck], FieldCheck]:
    def register(fn: FieldCheck) -> FieldCheck:
        FIELD_CHECKS[name] = fn
        return fn

    return register


def key_of(path: Path) -> str:
    return str(path[-1]) if path else "整个文件"
