"""The kinds of record (rules/kinds.yml), typed: where each lives, what it is called, which quota it uses.

The three kind codes are the contract between code and data (a schema file, a folder and checks exist
for each); everything a person reads about a kind (names, titles, attachment numbers) is data.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

UNIT = "unit"
NOMINEES = ("window", "individual")  # in the order the notice lists them: tables, pages, exports
CODES = (UNIT, *NOMINEES)


@dataclass(frozen=True, slots=True)
class Kind:
    code: str
    name: str  # 优质服务窗口
    title: str  # the heading of its blank record (awards new, 提交指南)
    attachments: Mapping[str, int]  # form -> the notice's attachment number (附件N)
    folder: str = ""  # under the unit's folder; "" for the unit's own unit.yml
    quota_key: str = ""
    counter: str = "个"
    name_field: str = ""
    key_field: str = ""
    anchor: str = ""

    def attachment(self, form: str) -> str:
        """“附件5” for the form's number, or "" when the notice has no such form for this kind."""
        number = self.attachments.get(form)
        return f"附件{number}" if number is not None else ""

    @property
    def where(self) -> str:
        """Where a clerk puts a record of this kind, as the guide shows it."""
        if not self.folder:
            return "submissions/<单位代码>/unit.yml"
        return f"submissions/<单位代码>/{self.folder}/<英文短名>.yml"


@dataclass(frozen=True, slots=True)
class Kinds:
    unit: Kind
    nominees: tuple[Kind, ...]

    def __getitem__(self, code: str) -> Kind:
        if code == UNIT:
            return self.unit
        for kind in self.nominees:
            if kind.code == code:
                return kind
        raise KeyError(code)

    def __iter__(self) -> Iterator[Kind]:
        return iter((self.unit, *self.nominees))

    def by_folder(self, folder: str) -> Kind | None:
        return next((k for k in self.nominees if k.folder == folder), None)

    @property
    def names(self) -> dict[str, str]:
        """Nominee kind code -> display name, in the notice's order."""
        return {k.code: k.name for k in self.nominees}


def from_data(doc: Mapping[str, Any]) -> Kinds:
    """Kinds from rules/kinds.yml as its meta-schema has already checked it."""

    def kind(code: str) -> Kind:
        d = doc[code]
        return Kind(
            code=code,
            name=d["name"],
            title=d["title"],
            attachments=dict(d.get("attachments") or {}),
            folder=d.get("folder", ""),
            quota_key=d.get("quota_key", ""),
            counter=d.get("counter", "个"),
            name_field=d.get("name_field", ""),
            key_field=d.get("key_field", ""),
            anchor=d.get("anchor", ""),
        )

    return Kinds(kind(UNIT), tuple(kind(code) for code in NOMINEES))


_NAME = {"type": "string", "required": True, "empty": False}
_FIELD = {"type": "string", "required": True, "empty": False}
_NOMINEE = {
    "type": "dict",
    "required": True,
    "schema": {
        "name": _NAME,
        "title": _NAME,
        "folder": {"type": "string", "required": True, "regex": r"^[a-z][a-z0-9-]*$"},
        "quota_key": _FIELD,
        "counter": _NAME,
        "name_field": _FIELD,
        "key_field": _FIELD,
        "anchor": {"type": "string", "required": True, "regex": r"^[a-z][a-z0-9-]*$"},
        "attachments": {"type": "dict", "required": True, "valuesrules": {"type": "integer", "min": 1}},
    },
}
# The meta-schema of rules/kinds.yml: exactly the three kinds, nominees with everything the code reads.
META: dict[str, Any] = {
    UNIT: {
        "type": "dict",
        "required": True,
        "schema": {
            "name": _NAME,
            "title": _NAME,
            "attachments": {"type": "dict", "valuesrules": {"type": "integer", "min": 1}},
        },
    },
    **dict.fromkeys(NOMINEES, _NOMINEE),
}
