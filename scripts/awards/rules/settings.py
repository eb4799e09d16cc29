"""The campaign's settings (rules/campaign.yml), typed: quotas, word limits, photo, limits, contact.

Loaded once with the rules, after the meta-schema has checked the file, so every reader gets a value
of the right type instead of walking a dictionary by string keys. The campaign's dates are a
`Schedule` (rules/stages.py); the clock that adds the province's recorded feedback is built with the
decisions (`check.decisions.clock`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from awards.rules.kinds import Kinds
from awards.rules.stages import Schedule


@dataclass(frozen=True, slots=True)
class Quotas:
    city: Mapping[str, int]  # nominee kind code -> how many each city recommends
    province_total: Mapping[str, int]  # nominee kind code -> how many the province may put forward
    grassroots_min: int  # windows per city at grassroots level, at least
    grassroots_levels: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Photo:
    formats: tuple[str, ...]
    ratio_min: float  # width / height
    ratio_max: float
    min_width: int
    min_height: int
    size_kb_min: int
    size_kb_max: int
    background: str
    blue_margin: int  # how much bluer than red and green the corners must be (0-255)


@dataclass(frozen=True, slots=True)
class Contact:
    office: str
    address: str
    person: str
    phones: tuple[str, ...]
    email: str


@dataclass(frozen=True, slots=True)
class Settings:
    title: str
    document_number: str
    notice_title: str
    issuer: str
    province: str
    quotas: Quotas
    publicity_days: int  # working days of each publicity period
    word_limits: Mapping[str, int]  # text field -> characters, whitespace not counted
    service_years_min: int
    min_working_age: int
    photo: Photo
    service_numbers: frozenset[str]
    max_file_kb: int
    contact: Contact
    schedule: Schedule
    sample: bool = False  # the bundled fictional campaign: every page and document says 示例


def from_data(c: Mapping[str, Any], kinds: Kinds) -> Settings:
    """Settings from rules/campaign.yml as its meta-schema has already checked it."""
    q, p, contact = c["quotas"], c["photo"], c.get("contact") or {}

    def per_kind(counts: Mapping[str, Any]) -> dict[str, int]:
        return {k.code: int(counts.get(k.quota_key, 0)) for k in kinds.nominees}

    return Settings(
        title=c["title"],
        document_number=c["document_number"],
        notice_title=c["notice_title"],
        issuer=c["issuer"],
        province=c["province"],
        quotas=Quotas(
            city=per_kind(q["city"]),
            province_total=per_kind(q["province_total"]),
            grassroots_min=int(q["city_grassroots_windows_min"]),
            grassroots_levels=tuple(q["grassroots_levels"]),
        ),
        publicity_days=int(c["publicity"]["working_days"]),
        word_limits={str(k): int(v) for k, v in c["word_limits"].items()},
        service_years_min=int(c["service_years_min"]),
        min_working_age=int(c["min_working_age"]),
        photo=Photo(
            formats=tuple(p["formats"]),
            ratio_min=float(p["aspect_ratio"]["min"]),
            ratio_max=float(p["aspect_ratio"]["max"]),
            min_width=int(p["min_pixels"][0]),
            min_height=int(p["min_pixels"][1]),
            size_kb_min=int(p["file_size_kb"]["min"]),
            size_kb_max=int(p["file_size_kb"]["max"]),
            background=str(p.get("background", "")),
            blue_margin=int(p["blue_margin"]),
        ),
        service_numbers=frozenset(map(str, c["service_numbers"])),
        max_file_kb=int(c["limits"]["max_file_kb"]),
        contact=Contact(
            office=str(contact.get("office", "")),
            address=str(contact.get("address", "")),
            person=str(contact.get("person", "")),
            phones=tuple(map(str, contact.get("phones") or ())),
            email=str(contact.get("email", "")),
        ),
        schedule=Schedule.from_data(c),
        sample=bool(c.get("sample", False)),
    )


def facts(settings: Settings, kinds: Kinds) -> dict[str, Any]:
    """The values a catalogue summary may name (`{publicity_days}`, `{words[主要事迹]}`, …)."""
    q = settings.quotas
    out: dict[str, Any] = {
        "service_years_min": settings.service_years_min,
        "publicity_days": settings.publicity_days,
        "words": dict(settings.word_limits),
        "photo_kb_min": settings.photo.size_kb_min,
        "photo_kb_max": settings.photo.size_kb_max,
        "grassroots_min": q.grassroots_min,
    }
    for kind in kinds.nominees:
        out[kind.code] = kind.name
        out[f"{kind.code}_counter"] = kind.counter
        out[f"city_{kind.code}"] = q.city[kind.code]
        out[f"province_{kind.code}"] = q.province_total[kind.code]
    return out
