"""Meta-schema of `rules/site.yml` (registered with the rules loader below); kept import-light on purpose.

The checker's load path imports this module, so it must not pull in MkDocs, jieba or WeasyPrint.
"""

from __future__ import annotations

from typing import Any

from awards.rules import meta as rules_meta

# The home page's steps, in the notice's order (三（一）2–3); `Step` values name the ones the clock
# can be in. The ministry's feedback is a moment, not a step: done once the formal stage has come.
# site.yml's `timeline` labels exactly these, and the home page draws them in this order.
TIMELINE_STEPS = (
    "contact_form",
    "first_review",
    "review",
    "ministry_review",
    "feedback",
    "formal",
    "publicity",
    "package",
    "after",
)

_TEXT = {"type": "string", "required": True, "empty": False}
_FIELDS = {"type": "list", "required": True, "empty": False, "schema": {"type": "string"}}

SITE: dict[str, Any] = {
    "site_title": _TEXT,
    # shown on every page when campaign.yml says `sample: true`
    "sample_banner": {"type": "string"},
    "site_url": {"type": "string", "nullable": True, "regex": r"^https?://\S+$"},
    "public_fields": {
        "type": "dict",
        "required": True,
        "schema": {"window": _FIELDS, "individual": _FIELDS},
    },
    "privacy": {
        "type": "dict",
        "required": True,
        "schema": {
            "private_checks": {
                "type": "dict",
                "required": True,
                "empty": False,
                "keysrules": {"type": "string"},
                "valuesrules": {"type": "string", "empty": False},
            },
            "signatures": {
                "type": "dict",
                "required": True,
                "schema": {"check": _TEXT, "signer": _TEXT, "label": _TEXT},
            },
            "blocking_codes": {"type": "list", "required": True, "schema": {"type": "string"}},
        },
    },
    "publicity": {
        "type": "dict",
        "required": True,
        "schema": {
            "title": _TEXT,
            "intro": _TEXT,
            "objection": _TEXT,
            "withdrawn": _TEXT,  # the 公示结果's sentence when a nominee was withdrawn (R26)
            "stories_per_page": {"type": "integer", "required": True, "min": 1},
        },
    },
    "stages": {
        "type": "dict",
        "required": True,
        "schema": {"before": _TEXT, "during": _TEXT, "after": _TEXT},
    },
    "timeline": {
        "type": "dict",
        "required": True,
        "schema": dict.fromkeys(TIMELINE_STEPS, _TEXT),
    },
    "leading_group": {
        "type": "dict",
        "required": True,
        "schema": {
            "name": _TEXT,
            "office": _TEXT,
            "members": {
                "type": "list",
                "required": True,
                "schema": {
                    "type": "dict",
                    "schema": {"role": _TEXT, "name": _TEXT, "post": _TEXT},
                },
            },
        },
    },
}

rules_meta.register("site.yml", SITE)
