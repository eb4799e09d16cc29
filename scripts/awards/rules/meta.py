"""Meta-schemas: what the files in `rules/` must look like.

These are the contract between the code and the rules data, so they live with the code. A rules file
that breaks them is a configuration error (exit 2), reported at its line. The files every stage reads
are described here; a stage with a rules file of its own (the site's, the exports') registers its
meta-schema with `register`, and the checker registers what a record schema may ask for, so this
module, the foundation, imports no stage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import cerberus

from awards.core.problems import Problem, Severity
from awards.read.yamlsrc import Positions
from awards.rules import kinds
from awards.rules.verdicts import ISO_DATE, errors, rules_sentence, verdict

_DATE = {"type": "string", "regex": ISO_DATE}
_DATE_OR_NULL = {"type": "string", "regex": ISO_DATE, "nullable": True}
_STR_LIST = {"type": "list", "schema": {"type": "string"}}
_INT = {"type": "integer", "min": 0}

CAMPAIGN = {
    "title": {"type": "string", "required": True},
    "document_number": {"type": "string", "required": True},
    "notice_title": {"type": "string", "required": True},  # the notice's own title, without 《》
    "issuer": {"type": "string", "required": True},
    "province": {"type": "string", "required": True},
    "reference_date": {**_DATE, "required": True},
    "deadlines": {
        "type": "dict",
        "required": True,
        "schema": {
            "contact_form": {**_DATE, "required": True},
            "first_review": {**_DATE, "required": True},
            "formal": _DATE_OR_NULL,  # cities' formal materials (通知三（一）3: 按规定时间前)
        },
    },
    # The notice's later steps, planned (rules/stages.py); the ministry's real feedback is in decisions.yml.
    "schedule": {
        "type": "dict",
        "schema": {
            "province_review": _DATE_OR_NULL,
            "ministry_feedback": _DATE_OR_NULL,
            "package": _DATE_OR_NULL,
        },
    },
    "sample": {"type": "boolean"},  # the bundled fictional campaign; a real one leaves it out
    "quotas": {
        "type": "dict",
        "required": True,
        "schema": {
            # by each kind's quota_key (rules/kinds.yml): every nominee kind must have one
            "city": {"type": "dict", "required": True, "valuesrules": _INT},
            "city_grassroots_windows_min": {**_INT, "required": True},
            "grassroots_levels": {**_STR_LIST, "required": True},
            "province_total": {"type": "dict", "required": True, "valuesrules": _INT},
        },
    },
    "publicity": {
        "type": "dict",
        "required": True,
        "schema": {"working_days": {**_INT, "required": True}, "provincial_start": _DATE_OR_NULL},
    },
    "word_limits": {"type": "dict", "required": True, "valuesrules": _INT},
    "service_years_min": {**_INT, "required": True},
    "min_working_age": {**_INT, "required": True},
    "photo": {
        "type": "dict",
        "required": True,
        "schema": {
            "formats": {**_STR_LIST, "required": True},
            "aspect_ratio": {
                "type": "dict",
                "required": True,
                "schema": {
                    "min": {"type": "number", "required": True},
                    "max": {"type": "number", "required": True},
                },
            },
            "min_pixels": {"type": "list", "required": True, "items": [_INT, _INT]},
            "file_size_kb": {
                "type": "dict",
                "required": True,
                "schema": {"min": {**_INT, "required": True}, "max": {**_INT, "required": True}},
            },
            "background": {"type": "string"},
            "blue_margin": {**_INT, "required": True},
        },
    },
    "service_numbers": {**_STR_LIST, "required": True},
    "limits": {"type": "dict", "required": True, "schema": {"max_file_kb": {**_INT, "required": True}}},
    "contact": {
        "type": "dict",
        "required": True,
        "schema": {
            "office": {"type": "string"},
            "address": {"type": "string"},
            "person": {"type": "string"},
            "phones": _STR_LIST,
            "email": {"type": "string"},
        },
    },
}

UNITS = {
    "reviewers": {
        "type": "dict",
        "required": True,
        "schema": {"team": {"type": "string", "required": True}, "members": {**_STR_LIST, "required": True}},
    },
    "units": {
        "type": "list",
        "required": True,
        "schema": {
            "type": "dict",
            "schema": {
                "code": {"type": "string", "required": True, "regex": r"^[a-z][a-z0-9-]*$"},
                "kind": {"type": "string", "required": True, "allowed": ["city", "province"]},
                "city": {"type": "string", "dependencies": {"kind": ["city"]}},
                "name": {"type": "string", "required": True},
                "team": {"type": "string", "required": True},
                "members": _STR_LIST,
            },
        },
    },
    # Read by awards.github: the organisation that owns the teams, and units reopened after the deadline.
    "github": {"type": "dict", "schema": {"org": {"type": "string", "required": True}, "bots": _STR_LIST}},
    "reopened": {
        "type": "list",
        "schema": {
            "type": "dict",
            "schema": {
                "unit": {"type": "string", "required": True},
                "until": {**_DATE, "required": True},
                "reason": {"type": "string"},
            },
        },
    },
}

VOCABULARIES = {
    "type": "dict",
    "valuesrules": {
        "type": "dict",
        "schema": {
            "code": {"type": "string", "required": True, "regex": r"^vocab-[a-z-]+$"},
            "label": {"type": "string", "required": True},
            "values": {**_STR_LIST, "required": True, "empty": False},
            "aliases": {"type": "dict", "valuesrules": {"type": "string"}},
            "degrees": _STR_LIST,
            "degree_min_education": {"type": "dict", "valuesrules": {"type": "string"}},
            "no_degree": _STR_LIST,
            "level_of": {"type": "dict", "valuesrules": {"type": "string"}},
        },
    },
}

RANKS = {
    "code": {"type": "string", "required": True},
    "label": {"type": "string", "required": True},
    "tiers": {
        "type": "dict",
        "required": True,
        "schema": {
            "excluded": {**_STR_LIST, "required": True},
            "above_section": {**_STR_LIST, "required": True},
            "section": {**_STR_LIST, "required": True},
        },
    },
    "obsolete": {"type": "dict", "valuesrules": {"type": "string"}},
    "aliases": {"type": "dict", "valuesrules": {"type": "string"}},
}

DIVISIONS = {
    "province": {"type": "string", "required": True},
    "cities": {
        "type": "dict",
        "required": True,
        "valuesrules": {
            "type": "dict",
            "schema": {
                "area_code": {"type": "string", "required": True, "regex": r"^0\d{2,3}$"},
                "counties": {**_STR_LIST, "required": True},
                "obsolete": {"type": "dict", "valuesrules": {"type": "string"}},
            },
        },
    },
}

CHECKS = {
    "type": "dict",
    "keysrules": {"type": "string", "regex": r"^[a-z][a-z0-9-]*$"},
    "valuesrules": {
        "type": "dict",
        "schema": {
            "severity": {"type": "string", "required": True, "allowed": ["error", "warning"]},
            "summary": {"type": "string", "required": True},
            # one sentence, or one per case the check tells apart ({case: sentence})
            "message": {
                "type": ["string", "dict"],
                "required": True,
                "keysrules": {"type": "string", "regex": r"^[a-z][a-z0-9-]*$"},
                "valuesrules": {"type": "string"},
            },
            "notice": {"type": "string", "required": True},
        },
    },
}

HOLIDAYS = {
    "year": {"type": "integer", "required": True},
    "source": {"type": "string", "required": True},
    "holidays": {
        "type": "list",
        "required": True,
        "schema": {
            "type": "dict",
            "schema": {
                "name": {"type": "string"},
                "from": {**_DATE, "required": True},
                "to": {**_DATE, "required": True},
            },
        },
    },
    "workdays": {"type": "list", "required": True, "schema": _DATE},
}

_FIELD_META = {
    "help": {"type": "string"},
    "example": {"type": ["string", "integer", "boolean"]},
    "check": {"type": "string"},  # allowed: the checker's registered field checks (`record_schema`)
    "vocab": {"type": "string"},
    "gender_field": {"type": "string"},
    "since_field": {"type": "string"},
    "from_field": {"type": "string"},
    "id_field": {"type": "string"},
}

Meta = dict[str, Any] | Callable[[Any, Positions, str], list[Problem]]


def _wrap(schema: dict[str, Any]) -> dict[str, Any]:
    """Schemas given for a whole document under one key ('type': 'dict', ...) are checked as {'doc': ...}."""
    return {"doc": schema}


def _problems(
    v: cerberus.Validator, positions: Positions, rel: str, strip_doc: bool, base: tuple[str, ...] = ()
) -> list[Problem]:
    out = []
    for e in errors(v):
        found = verdict(e)
        path = (*base, *(found.path[1:] if strip_doc else found.path))
        mark = positions.key(path)
        where = ".".join(str(p) for p in path) or "（文件）"
        out.append(
            Problem(
                rel,
                mark.line,
                mark.col,
                Severity.ERROR,
                "rules-invalid",
                f"规则文件有误：{where}：{rules_sentence(found)}",
            )
        )
    return out


def record_schema(field_checks: Iterable[str]) -> Meta:
    """The meta-schema of a record schema (rules/schemas/): valid Cerberus, and every `meta` uses only
    keys the code knows and a `check` among `field_checks`, the names the checker has registered."""
    field_meta = {**_FIELD_META, "check": {"type": "string", "allowed": sorted(field_checks)}}

    def check_schema_file(value: Any, positions: Positions, rel: str) -> list[Problem]:
        return _check_schema_file(value, positions, rel, field_meta)

    return check_schema_file


def _check_schema_file(
    value: Any, positions: Positions, rel: str, field_meta: dict[str, Any]
) -> list[Problem]:
    if not isinstance(value, dict):
        return [
            Problem(
                rel, 1, 1, Severity.ERROR, "rules-invalid", "规则文件有误：记录模式必须是“项名: 规则”的表"
            )
        ]
    out: list[Problem] = []
    meta_validator = cerberus.Validator(field_meta)

    def walk(schema: dict[str, Any], path: tuple[str, ...]) -> None:
        for name, rule in schema.items():
            if not isinstance(rule, dict):
                continue
            meta = rule.get("meta")
            if meta is not None and not meta_validator.validate(meta, normalize=False):
                out.extend(_problems(meta_validator, positions, rel, False, (*path, name, "meta")))
            if isinstance(rule.get("schema"), dict):
                walk(rule["schema"], (*path, name, "schema"))

    walk(value, ())
    if not out:
        try:
            cerberus.Validator(value)
        except cerberus.SchemaError as exc:
            out.append(
                Problem(
                    rel,
                    1,
                    1,
                    Severity.ERROR,
                    "rules-invalid",
                    f"规则文件有误：不是有效的 Cerberus 模式（{exc}）",
                )
            )
    return out


META: dict[str, Meta] = {
    "campaign.yml": CAMPAIGN,
    "kinds.yml": kinds.META,
    "units.yml": UNITS,
    "vocabularies.yml": _wrap(VOCABULARIES),
    "ranks.yml": RANKS,
    "divisions.yml": DIVISIONS,
    "checks.yml": _wrap(CHECKS),
}

META_FOR_DIR: dict[str, Meta] = {"holidays": HOLIDAYS}


def register(name: str, meta: Meta) -> None:
    """A stage's meta-schema for a rules file of its own (`site.yml`), or for a folder (`schemas`)."""
    if name.endswith(".yml"):
        META[name] = meta
    else:
        META_FOR_DIR[name] = meta


def meta_for(key: str) -> Meta | None:
    """The meta-schema for a rules file, by its path under rules/ (`site.yml`, `schemas/window.yml`)."""
    folder, _, name = key.rpartition("/")
    return META_FOR_DIR.get(folder) if folder else META.get(name)


def check(value: Any, meta: Meta, positions: Positions, rel: str) -> list[Problem]:
    if callable(meta):
        return meta(value, positions, rel)
    wrapped = "doc" in meta and len(meta) == 1
    document = {"doc": value} if wrapped else value
    if not isinstance(document, dict):
        return [Problem(rel, 1, 1, Severity.ERROR, "rules-invalid", "规则文件有误：顶层必须是“项名: 值”的表")]
    v = cerberus.Validator(meta)
    if v.validate(document, normalize=False):  # nothing to normalise; normalising is most of the cost
        return []
    return _problems(v, positions, rel, wrapped)
