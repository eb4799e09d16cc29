"""Meta-schema of `rules/exports.yml` (registered with the rules loader below); import-light on purpose.

The checker's load path imports this module, so it must not pull in openpyxl, pandas or WeasyPrint.
"""

from __future__ import annotations

from typing import Any

from awards.rules import meta as rules_meta

_STR_LIST = {"type": "list", "schema": {"type": "string"}}

EXPORTS: dict[str, Any] = {
    "labels": {
        "type": "dict",
        "required": True,
        "schema": {
            **{k: {"type": "string", "required": True} for k in ("stamp", "fill_date", "notes", "todo")},
            "blank_date": {"type": "string", "required": True},
            "contact": {**_STR_LIST, "required": True, "minlength": 3, "maxlength": 3},
        },
    },
    "tables": {
        "type": "dict",
        "required": True,
        "schema": {
            kind: {
                "type": "dict",
                "required": True,
                "schema": {
                    "attachment": {"type": "string", "required": True},
                    "title": {"type": "string", "required": True},
                    # the title as the notice prints it, when that is a typo the table corrects
                    "notice_title": {"type": "string"},
                    "file": {"type": "string", "required": True, "regex": r"^[^/\\.][^/\\]*$"},
                    "columns": {
                        "type": "list",
                        "required": True,
                        "empty": False,
                        "schema": {
                            "type": "dict",
                            "schema": {
                                "group": {"type": "string"},
                                "title": {"type": "string", "required": True},
                                "field": {"type": "string", "required": True},
                                "width": {"type": "number", "required": True, "min": 1},
                            },
                        },
                    },
                    "notes": {**_STR_LIST, "required": True},
                },
            }
            for kind in ("window", "individual", "contact")
        },
    },
    "opinion_form": {
        "type": "dict",
        "required": True,
        "schema": {
            **{k: {"type": "string", "required": True} for k in ("attachment", "title", "signer", "seal")},
            "file": {"type": "string", "required": True, "regex": r"^[^/\\.][^/\\]*$"},
            "fields": {**_STR_LIST, "required": True, "minlength": 3, "maxlength": 3},
            "blocks": {
                "type": "list",
                "required": True,
                "schema": {
                    "type": "dict",
                    "schema": {
                        "key": {"type": "string", "required": True},
                        "label": {"type": "string", "required": True},
                    },
                },
            },
            "notes": {**_STR_LIST, "required": True},
        },
    },
    "report": {
        "type": "dict",
        "required": True,
        "schema": {
            "addressee": {"type": "string", "required": True},
            "file": {
                "type": "dict",
                "required": True,
                "schema": {k: {"type": "string", "required": True} for k in ("初审", "正式推荐")},
            },
        },
    },
}

rules_meta.register("exports.yml", EXPORTS)
