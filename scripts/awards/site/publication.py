"""What a build publishes of the 公示 once it has opened: the frozen archive, or a preview until then.

- Every frozen snapshot whose period has started is published exactly as stored (`archive.Stored`).
- When the current period is frozen, the 公示 page is rebuilt from the frozen list, not from today's
  records, so the page, the PDF and the SHA-256s always tell the same story. Records edited since are
  reported to the person running the build; to publish the change a reviewer re-freezes on purpose.
- When it is not frozen yet, a preview is rendered from the current records under its own name
  (`…-preview.pdf`, marked in its footer), kept out of the manifest and shown as 未存档 on the page.
- A snapshot frozen ahead of its period is not published before the period starts.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from awards.rules.kinds import Kinds
from awards.rules.loader import Rules
from awards.site import archive, snapshot
from awards.site.model import Entry, Period


@dataclass
class Publication:
    lists: dict[str, list[Entry]]  # what the 公示 page lists
    files: dict[str, bytes] = field(default_factory=dict)  # the site's archive/ folder
    frozen: list[dict[str, Any]] = field(default_factory=list)  # published stored entries, by period
    preview: snapshot.Snapshot | None = None
    current_pdf: str | None = None  # the 公示 page's link
    notes: list[str] = field(default_factory=list)  # for the person running the build


def held_back(stored: archive.Stored, today: dt.date) -> list[dict[str, Any]]:
    """Stored entries whose period has not started: names in them must not appear yet."""
    return [r for r in stored.records if archive.start(r) > today.isoformat()]


def plan(
    rules: Rules,
    stored: archive.Stored | None,
    when: Period,
    today: dt.date,
    current: dict[str, list[Entry]],
    render_preview: Callable[[], snapshot.Snapshot],
) -> Publication:
    stored = stored or archive.empty(rules)
    later = held_back(stored, today)
    shown = [r for r in stored.records if r not in later]
    pub = Publication(current, frozen=shown)
    for record in shown:
        pub.files.update(stored.files(record))
    pub.notes += [f"{r['period_text']}的存档在公示开始（{archive.start(r)}）前不公开。" for r in later]
    mine = next((r for r in shown if r["id"] == snapshot.snapshot_id(when)), None)
    if mine is not None:
        pub.lists = snapshot.entries(stored.files(mine)[mine["list_file"]], rules.kinds)
        pub.current_pdf = mine["file"]
        changed = changes(pub.lists, current, rules.kinds)
        if changed:
            pub.notes.append(
                f"以下推荐对象的公开内容在存档（{mine.get('frozen_on', '')}）后有改动；网站仍按存档的名单公示。"
                "如需更正公示，请运行 awards snapshot --freeze --replace 并提交：" + "；".join(changed)
            )
    else:
        pub.preview = render_preview()
        pub.files[pub.preview.record["file"]] = pub.preview.pdf
        pub.files[pub.preview.record["list_file"]] = pub.preview.listing
        pub.current_pdf = pub.preview.record["file"]
        pub.notes.append(
            f"{when.chinese()}的公示尚未存档，网站发布的是按当前记录生成的预览。"
            f"请运行 awards snapshot --freeze，并提交 {archive.ARCHIVE.as_posix()}/。"
        )
    pub.files[archive.MANIFEST] = stored.manifest(shown)
    pub.files[archive.SUMS] = archive.sums(shown)
    return pub


def _public(e: Entry) -> dict[str, Any]:
    return {**dict(e.fields), snapshot.UNIT_KEY: e.unit}


def changes(frozen: dict[str, list[Entry]], current: dict[str, list[Entry]], kinds: Kinds) -> list[str]:
    """Where today's records differ from the frozen list, place by place, named for a reviewer."""
    out = []
    for kind, name in kinds.names.items():
        old, new = frozen.get(kind, []), current.get(kind, [])
        for i in range(max(len(old), len(new))):
            a = old[i] if i < len(old) else None
            b = new[i] if i < len(new) else None
            if a is not None and b is not None and _public(a) == _public(b):
                continue
            if a is not None and b is not None and a.name == b.name:
                out.append(f"{name}第 {i + 1} 位“{a.name}”的内容")
            else:
                before, after = a.name if a else "（无）", b.name if b else "（无）"
                out.append(f"{name}第 {i + 1} 位由“{before}”变为“{after}”")
    return out
