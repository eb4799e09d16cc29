"""Loading `rules/`: the campaign, kinds, units, vocabularies, schemas and the check catalogue.

Every rules file is itself checked on load against its meta-schema (`meta.py`, and those the stages
register there); a broken rules file stops everything with exit 2 and a `path:line:col` pointing at
the mistake. The campaign's settings and record kinds come back as frozen dataclasses.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awards.core.errors import RulesError as RulesError  # re-exported: raised by `load`
from awards.core.problems import Problem, Severity
from awards.core.sink import Check as Check  # re-exported: the catalogue's entries
from awards.read import yamlsrc
from awards.rules import cache as rules_cache
from awards.rules import kinds as record_kinds
from awards.rules import meta as rules_meta
from awards.rules import settings as campaign_settings
from awards.rules.kinds import Kinds
from awards.rules.settings import Settings

RULE_FILES = (
    "campaign.yml",
    "kinds.yml",
    "units.yml",
    "vocabularies.yml",
    "ranks.yml",
    "divisions.yml",
    "checks.yml",
)
SCHEMA_KINDS = record_kinds.CODES
# Reviewer-owned files under submissions/ with a schema of their own (rules/schemas/<name>.yml).
FILE_SCHEMAS = ("decisions",)


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    kind: str  # "city" | "province"
    name: str
    city: str | None
    team: str
    members: tuple[str, ...]


class Units(Mapping[str, Unit]):
    """rules/units.yml's units by code, in file order, each made when first asked for: a campaign of
    50,000 records has 16,667 units, and a one-record check looks at one of them."""

    __slots__ = ("_made", "_raw", "_where")

    def __init__(self, raw: list[dict[str, Any]]) -> None:
        self._raw = raw
        self._where = {str(u["code"]): i for i, u in enumerate(raw)}  # the last one wins, as in a dict
        self._made: dict[str, Unit] = {}

    def __getitem__(self, code: str) -> Unit:
        unit = self._made.get(code)
        if unit is None:
            u = self._raw[self._where[code]]
            members = tuple(u.get("members") or ())
            unit = Unit(u["code"], u["kind"], u["name"], u.get("city"), u.get("team", ""), members)
            self._made[code] = unit
        return unit

    def __contains__(self, code: object) -> bool:
        return code in self._where

    def __iter__(self) -> Iterator[str]:
        return iter(self._where)

    def __len__(self) -> int:
        return len(self._where)


@dataclass(frozen=True, slots=True)
class Vocab:
    name: str
    code: str
    label: str
    values: tuple[str, ...]
    aliases: dict[str, str]
    extra: dict[str, Any]


@dataclass(frozen=True, slots=True)
class City:
    name: str
    area_code: str
    counties: tuple[str, ...]
    obsolete: dict[str, str]


@dataclass(frozen=True, slots=True)
class HolidayYear:
    year: int
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]


@dataclass(frozen=True)
class Rules:
    root: Path
    campaign: dict[str, Any]  # as written; read `settings` and `kinds` instead where they have it
    settings: Settings
    kinds: Kinds
    units: Mapping[str, Unit]
    reviewers: dict[str, Any]
    vocab: dict[str, Vocab]
    ranks: dict[str, Any]
    province: str
    cities: dict[str, City]
    schemas: dict[str, dict[str, Any]]
    checks: dict[str, Check]
    holidays: dict[int, HolidayYear]
    fingerprint: str
    # Schemas of the reviewer-owned files under submissions/ (decisions), by name.
    file_schemas: dict[str, dict[str, Any]] = field(default_factory=dict)
    # Validated rules files beyond the core ones, by file name (e.g. "site.yml").
    extra: dict[str, Any] = field(default_factory=dict)
    # Numbers the campaign prints itself (rules/, site/docs/): `private.published_numbers`.
    published_numbers: frozenset[str] = frozenset()

    def date(self, *keys: str) -> dt.date | None:
        value: Any = self.campaign
        for key in keys:
            value = value.get(key) if isinstance(value, dict) else None
        return parse_iso(value) if isinstance(value, str) else None


def parse_iso(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _load_yaml(
    path: Path, root: Path, content: bytes | None, errors: list[Problem]
) -> tuple[Any, yamlsrc.Positions]:
    rel = path.relative_to(root).as_posix()
    if content is None:
        errors.append(Problem(rel, 1, 1, Severity.ERROR, "rules-invalid", "缺少规则文件"))
        return None, yamlsrc.Positions()
    text, found = yamlsrc.decode(content, 4 * 1024 * 1024)
    node = None
    if text is not None:
        node, found = yamlsrc.parse(text)
    for f in found:
        errors.append(
            Problem(
                rel,
                f.mark.line,
                f.mark.col,
                Severity.ERROR,
                "rules-invalid",
                f"规则文件格式错误（{f.code}）{f.params.get('detail', '')}",
            )
        )
    if node is None or found:
        return None, yamlsrc.Positions()
    return yamlsrc.to_python(node, numbers=True)


def _rule_paths(rules_dir: Path) -> list[Path]:
    paths = [rules_dir / name for name in RULE_FILES]
    # Further rules files (site, decisions, …) are loaded when the meta-schemas know them.
    paths += [p for p in sorted(rules_dir.glob("*.yml")) if p.name not in RULE_FILES]
    paths += [rules_dir / "schemas" / f"{kind}.yml" for kind in (*SCHEMA_KINDS, *FILE_SCHEMAS)]
    paths += sorted((rules_dir / "holidays").glob("*.yml"))
    return paths


def load(root: Path, cache: Path | None = None) -> Rules:
    """Load and check every rules file under `root/rules`; raise RulesError on any mistake.

    With `cache` (a folder), rules already found valid with these exact bytes and this exact code are
    read back from JSON instead of being parsed and checked again (a third of a warm `awards validate`
    with thousands of units). Only valid rules are ever stored.
    """
    rules_dir = root / "rules"
    paths = _rule_paths(rules_dir)
    raw = {path: path.read_bytes() for path in paths if path.is_file()}
    # The texts whose numbers the campaign publishes on purpose are part of the rules' identity: a
    # number added to the office's page changes what validate reports (and so every cache's key).
    printed = {p: raw.get(p) or _read(p) for p in _printed_paths(root)}
    digest = hashlib.sha256()
    for path, content in [*raw.items(), *((p, c) for p, c in printed.items() if p not in raw)]:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + content)
    fingerprint = digest.hexdigest()
    if cache is not None:
        cached = rules_cache.read(cache, fingerprint)
        if cached is not None:
            with contextlib.suppress(KeyError, TypeError, ValueError, AttributeError):
                published = frozenset(map(str, cached["published"]))
                return _assemble(root, cached["data"], fingerprint, cached["check_lines"], published)
    errors: list[Problem] = []
    data: dict[str, Any] = {}
    site_positions: Any = None
    check_lines: dict[str, int] = {}
    for path in paths:
        key = path.relative_to(rules_dir).as_posix()
        value, positions = _load_yaml(path, root, raw.get(path), errors)
        if value is not None:
            meta = rules_meta.meta_for(key)
            rel = path.relative_to(root).as_posix()
            if meta is None:
                errors.append(
                    Problem(
                        rel,
                        1,
                        1,
                        Severity.ERROR,
                        "rules-invalid",
                        "不认识的规则文件（代码中没有它的格式定义）",
                    )
                )
            else:
                errors += rules_meta.check(value, meta, positions, rel)
        data[key] = value
        if key == "site.yml":
            site_positions = positions
        if key == "checks.yml":
            check_lines = {str(code): positions.key((code,)).line for code in value or {}}
    if not errors:
        from awards.rules.private import whitelist_problems

        for rel, line, col, message in whitelist_problems(data, site_positions, "rules/site.yml"):
            errors.append(Problem(rel, line, col, Severity.ERROR, "rules-invalid", message))
    if errors:
        raise RulesError(errors)
    from awards.rules.private import numbers_in

    published = numbers_in(text.decode("utf-8", errors="replace") for text in printed.values())
    rules = _assemble(root, data, fingerprint, check_lines, published)
    if cache is not None:
        stored = {"data": data, "check_lines": check_lines, "published": sorted(published)}
        rules_cache.write(cache, fingerprint, stored)
    return rules


def _printed_paths(root: Path) -> list[Path]:
    """Every rules file (examples in the schemas, the office's phones) and hand-written page."""
    out: list[Path] = []
    for folder, pattern in (("rules", "*.yml"), ("site/docs", "*.md")):
        out += sorted(p for p in (root / folder).rglob(pattern) if p.is_file())
    return out


def _read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError:  # unreadable: it prints nothing, as before
        return b""


def _assemble(
    root: Path, data: dict[str, Any], fingerprint: str, check_lines: dict[str, int], published: frozenset[str]
) -> Rules:
    units_doc = data["units.yml"]
    units = Units(units_doc["units"])
    vocab = {
        name: Vocab(
            name,
            v["code"],
            v["label"],
            tuple(v["values"]),
            dict(v.get("aliases") or {}),
            {k: x for k, x in v.items() if k not in {"code", "label", "values", "aliases"}},
        )
        for name, v in data["vocabularies.yml"].items()
    }
    div = data["divisions.yml"]
    cities = {
        name: City(name, c["area_code"], tuple(c["counties"]), dict(c.get("obsolete") or {}))
        for name, c in div["cities"].items()
    }
    holidays = {}
    for key, value in data.items():
        if key.startswith("holidays/"):
            year = int(value["year"])
            off = set()
            for span in value["holidays"]:
                day, end = parse_iso(span["from"]), parse_iso(span["to"])
                while day <= end:
                    off.add(day)
                    day += dt.timedelta(days=1)
            holidays[year] = HolidayYear(year, frozenset(off), frozenset(map(parse_iso, value["workdays"])))
    unknown = sorted(
        {str(u["city"]) for u in units_doc["units"] if u.get("city")} - set(cities),
    )
    if unknown:
        raise RulesError(
            [
                Problem(
                    "rules/units.yml",
                    1,
                    1,
                    Severity.ERROR,
                    "rules-invalid",
                    f"未知的市：{'、'.join(unknown)}",
                )
            ]
        )
    kinds = record_kinds.from_data(data["kinds.yml"])
    quotas = data["campaign.yml"]["quotas"]
    missing = [
        f"quotas.{part}.{k.quota_key}"
        for k in kinds.nominees
        for part in ("city", "province_total")
        if k.quota_key not in quotas[part]
    ]
    if missing:
        detail = f"缺少 {'、'.join(missing)}（rules/kinds.yml 中各类推荐对象的 quota_key）"
        raise RulesError(
            [Problem("rules/campaign.yml", 1, 1, Severity.ERROR, "rules-invalid", f"规则文件有误：{detail}")]
        )
    settings = campaign_settings.from_data(data["campaign.yml"], kinds)
    checks = _catalogue(data["checks.yml"], campaign_settings.facts(settings, kinds), check_lines)
    return Rules(
        root=root,
        campaign=data["campaign.yml"],
        settings=settings,
        kinds=kinds,
        units=units,
        reviewers=dict(units_doc.get("reviewers") or {}),
        vocab=vocab,
        ranks=data["ranks.yml"],
        province=div["province"],
        cities=cities,
        schemas={kind: data[f"schemas/{kind}.yml"] for kind in SCHEMA_KINDS},
        file_schemas={name: data[f"schemas/{name}.yml"] for name in FILE_SCHEMAS},
        checks=checks,
        holidays=holidays,
        fingerprint=fingerprint,
        extra={k: v for k, v in data.items() if "/" not in k and k not in RULE_FILES},
        published_numbers=published,
    )


def _catalogue(doc: dict[str, Any], facts: dict[str, Any], lines: dict[str, int]) -> dict[str, Check]:
    """The checks with their summaries filled in from the campaign's settings (for the rules page)."""
    checks, errors = {}, []
    for code, c in doc.items():
        line = lines.get(code, 1)
        try:
            summary = c["summary"].format(**facts)
        except (KeyError, IndexError, ValueError, AttributeError) as exc:
            detail = f"“{code}”的 summary 用了评选设置中没有的占位符 {exc}"
            errors.append(
                Problem(
                    "rules/checks.yml", line, 1, Severity.ERROR, "rules-invalid", f"规则文件有误：{detail}"
                )
            )
            continue
        checks[code] = Check(code, Severity(c["severity"]), summary, c["message"], c["notice"], line)
    if errors:
        raise RulesError(errors)
    return checks
