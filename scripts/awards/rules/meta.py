"""Meta-schemas: what the files in `rules/` must look like.

These are the contract between the code and the rules data, so they live with the code. A rules file
that breaks them is a configuration error (exit 2), reported at its line.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import cerberus
from cerberus import errors as cerr

from awards.core.problems import Problem, Severity
from awards.export.meta import EXPORTS
from awards.read.yamlsrc import Positions
from awards.site.meta import SITE

ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_DATE = {"type": "string", "regex": ISO_DATE}
_DATE_OR_NULL = {"type": "string", "regex": ISO_DATE, "nullable": True}
_STR_LIST = {"type": "list", "schema": {"type": "string"}}
_INT = {"type": "integer", "min": 0}

# The checks a schema field may ask for in `meta.check`; each has code in awards/check/.
FIELD_CHECKS = frozenset(
    {
        "unit_full_name",
        "landline",
        "mobile",
        "phone",
        "email",
        "unit_name",
        "window_level",
        "text",
        "attestation",
        "unit_publicity",
        "date",
        "education",
        "id_number",
        "admin_rank",
        "service_start",
        "window_start",
        "window_years",
        "photo",
        "opinions",
    }
)

CAMPAIGN = {
    "title": {"type": "string", "required": True},
    "document_number": {"type": "string", "required": True},
    "issuer": {"type": "string", "required": True},
    "province": {"type": "string", "required": True},
    "reference_date": {**_DATE, "required": True},
    "deadlines": {
        "type": "dict",
        "required": True,
        "schema": {"contact_form": {**_DATE, "required": True}, "first_review": {**_DATE, "required": True}},
    },
    "formal_stage_from": _DATE_OR_NULL,
    "quotas": {
        "type": "dict",
        "required": True,
        "schema": {
            "city": {"type": "dict", "required": True, "schema": {"windows": _INT, "individuals": _INT}},
            "city_grassroots_windows_min": {**_INT, "required": True},
            "grassroots_levels": {**_STR_LIST, "required": True},
            "province_total": {
                "type": "dict",
                "required": True,
                "schema": {"windows": _INT, "individuals": _INT},
            },
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
                "schema": {"min": {"type": "number"}, "max": {"type": "number"}},
            },
            "min_pixels": {"type": "list", "required": True, "items": [_INT, _INT]},
            "file_size_kb": {"type": "dict", "required": True, "schema": {"min": _INT, "max": _INT}},
            "background": {"type": "string"},
            "blue_margin": {**_INT, "required": True},
        },
    },
    "service_numbers": {**_STR_LIST, "required": True},
    "limits": {"type": "dict", "required": True, "schema": {"max_file_kb": {**_INT, "required": True}}},
    "contact": {"type": "dict", "required": True},
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
            "message": {"type": "string", "required": True},
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
    "check": {"type": "string", "allowed": sorted(FIELD_CHECKS)},
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


_TYPES = {
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "true/false",
    "dict": "表",
    "list": "列表",
}


def _chinese(e: Any) -> str:
    """Cerberus' verdict in Chinese: the people who edit rules/ are reviewers, not programmers."""
    c = cerr
    if e.code == c.REQUIRED_FIELD.code:
        return "缺少必填项"
    if e.code == c.UNKNOWN_FIELD.code:
        return "不认识的项（拼写错误，或这一版程序不支持）"
    if e.code == c.BAD_TYPE.code:
        wanted = e.constraint if isinstance(e.constraint, list) else [e.constraint]
        return "应为" + "或".join(_TYPES.get(t, str(t)) for t in wanted) + f"，实际是“{e.value}”"
    if e.code in (c.EMPTY_NOT_ALLOWED.code, c.NOT_NULLABLE.code):
        return "不能为空"
    if e.code == c.REGEX_MISMATCH.code:
        return f"“{e.value}”格式不对" + ("，日期请写成 2021-08-23" if e.constraint == ISO_DATE else "")
    if e.code == c.UNALLOWED_VALUE.code:
        return f"“{e.value}”不是允许的值，可选：{'、'.join(map(str, e.constraint))}"
    if e.code in (c.MIN_VALUE.code, c.MIN_LENGTH.code):
        return f"不能小于 {e.constraint}"
    if e.code in (c.MAX_VALUE.code, c.MAX_LENGTH.code):
        return f"不能大于 {e.constraint}"
    if e.code == c.DEPENDENCIES_FIELD_VALUE.code:
        return f"只能在 {e.constraint} 时填写"
    return f"不符合规则格式（{e.rule}）"


def _problems(
    v: cerberus.Validator, positions: Positions, rel: str, strip_doc: bool, base: tuple[str, ...] = ()
) -> list[Problem]:
    out = []

    def walk(errors: Any) -> None:
        for e in errors:
            if e.is_group_error:
                walk(e.child_errors)
                continue
            path = (*base, *(e.document_path[1:] if strip_doc else e.document_path))
            mark = positions.key(path)
            where = ".".join(str(p) for p in path) or "（文件）"
            detail = _chinese(e)
            out.append(
                Problem(
                    rel,
                    mark.line,
                    mark.col,
                    Severity.ERROR,
                    "rules-invalid",
                    f"规则文件有误：{where}：{detail}",
                )
            )

    walk(v._errors)
    return out


def _check_schema_file(value: Any, positions: Positions, rel: str) -> list[Problem]:
    """A record schema: valid Cerberus, and every `meta` uses only keys and checks the code knows."""
    if not isinstance(value, dict):
        return [
            Problem(
                rel, 1, 1, Severity.ERROR, "rules-invalid", "规则文件有误：记录模式必须是“项名: 规则”的表"
            )
        ]
    out: list[Problem] = []
    meta_validator = cerberus.Validator(_FIELD_META)

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
    "units.yml": UNITS,
    "vocabularies.yml": _wrap(VOCABULARIES),
    "ranks.yml": RANKS,
    "divisions.yml": DIVISIONS,
    "checks.yml": _wrap(CHECKS),
    "site.yml": SITE,  # awards.site: public-field whitelist, leading group, stage texts
    "exports.yml": EXPORTS,  # awards.export: titles, header columns and 注 lines of the forms
}

META_FOR_DIR: dict[str, Meta] = {"holidays": HOLIDAYS, "schemas": _check_schema_file}


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
