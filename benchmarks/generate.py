"""Synthetic campaigns of N records, valid by construction, for the benchmarks.

Usage: `.venv/bin/python benchmarks/generate.py N TARGET`. TARGET gets a copy of the project's rules/,
mkdocs.yml and site/ with a generated `rules/units.yml`: many city units (each with its contact form,
two windows and one individual, exactly the city quota) and, for the remainder, one provincial office.
Every record is a sample record of the same city with fictional names, a fresh GB 11643 ID number,
a unique window name and deeds padded to just under the word limits; photos are hard links to the
city's sample photo (a real JPEG of the right size), so 50,000 records cost little disk.

For the publicity measurements (`awards build` during the 公示, the snapshot PDF) the campaign's
provincial quota is raised to the size of the generated decisions list (at most 1,500 rows): that
is the national round, where the ministry lists far more than one province's 12 + 5.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import shutil
import sys
from pathlib import Path
from typing import Any

import yaml
from stdnum.cn import ric

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "submissions"
PER_CITY_UNIT = 3  # 2 windows + 1 individual: rules/campaign.yml quotas.city
MAX_LISTED = 1500
UNITS_FILE = ".bench-units.json"  # the generated units and list sizes, to re-apply on every sync
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文斌宇浩凯晨欣怡佳悦子涵雨轩"
FILLER = "窗口坚持以人民为中心的发展思想，持续改进作风，提升服务效能，群众满意度不断提高。"
_SPACE = re.compile(r"\s+")


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
    # Deeds as literal blocks, as a clerk writes them; everything else as the dumper likes.
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)


def dump(data: dict[str, Any]) -> str:
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10**6)


def _count(text: str) -> int:
    return len(_SPACE.sub("", text))


def pad(text: str, limit: int) -> str:
    """The deed made as long as the limit allows, less a few characters (real deeds press the limit)."""
    target = limit - 5
    text = text.rstrip("\n")
    if _count(text) > target:
        return text[:target] + "\n"
    extra = ""
    while _count(text) + len(extra) < target:
        extra += FILLER
    return text + "\n\n  " + extra[: target - _count(text)] + "\n"


def name(i: int) -> str:
    return SURNAMES[i % len(SURNAMES)] + GIVEN[(i // 7) % len(GIVEN)] + GIVEN[(i // 311) % len(GIVEN)]


def id_number(i: int, female: bool) -> str:
    """A valid 18-character number: 清徐县 (140121, valid for any birth year), a date, a sequence."""
    # Born 1965-1973: 16 or older when any sample record's 参加人社工作时间 begins (the checker warns
    # otherwise), and not yet of retirement age in 2021.
    born = dt.date(1965, 1, 1) + dt.timedelta(days=(i * 37) % 3000)
    seq = (i // 3000) * 2 % 1000 + (0 if female else 1)
    body = f"140121{born:%Y%m%d}{seq:03d}"
    return body + ric.calc_check_digit(body + "0")


def _templates() -> dict[str, dict[str, Any]]:
    """Per city: the sample unit's contact form, windows, individual and photo."""
    rules = yaml.safe_load((ROOT / "rules" / "units.yml").read_text(encoding="utf-8"))
    out = {}
    for unit in rules["units"]:
        if unit["kind"] != "city":
            continue
        base = SAMPLE / unit["code"]
        out[unit["city"]] = {
            "unit": yaml.safe_load((base / "unit.yml").read_text(encoding="utf-8")),
            "windows": [
                yaml.safe_load(p.read_text(encoding="utf-8"))
                for p in sorted((base / "windows").glob("*.yml"))
            ],
            "individual": yaml.safe_load(
                next((base / "individuals").glob("*.yml")).read_text(encoding="utf-8")
            ),
            "photo": next((base / "photos").iterdir()),
        }
    return out


def _strings(value: Any) -> Any:
    """Sample values as text, as the reader keeps them (safe_load made dates and numbers of some)."""
    if isinstance(value, dict):
        return {k: _strings(v) for k, v in value.items()}
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def generate(n: int, target: Path) -> dict[str, int]:
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    templates = _templates()
    cities = sorted(templates)
    campaign = yaml.safe_load((ROOT / "rules" / "campaign.yml").read_text(encoding="utf-8"))
    limits = campaign["word_limits"]
    n_units = n // PER_CITY_UNIT
    units = []
    decisions: list[dict[str, Any]] = []
    listed = {"window": 0, "individual": 0}
    counter = 0
    for u in range(n_units):
        city = cities[u % len(cities)]
        t = templates[city]
        code = f"c{u:05d}"
        unit_name = f"{city}第{u + 1}人力资源和社会保障局"
        units.append({"code": code, "kind": "city", "city": city, "name": unit_name, "team": f"city-{code}"})
        folder = target / "submissions" / code
        (folder / "windows").mkdir(parents=True)
        (folder / "individuals").mkdir()
        (folder / "photos").mkdir()
        form = _strings(t["unit"]) | {"单位": unit_name}
        (folder / "unit.yml").write_text(dump(form), encoding="utf-8")
        for rank, window in enumerate(t["windows"], 1):
            counter += 1
            w = _strings(window)
            # Unique names (duplicate-window): the county stays, a serial number goes after it.
            w["窗口名称"] = re.sub(
                r"(区|县|市)([^区县市]*窗口)$", rf"\1第{counter}号\2", w["窗口名称"], count=1
            )
            w["推荐排序"] = rank
            w["简要事迹"] = pad(w["简要事迹"], limits["简要事迹"])
            w["主要事迹"] = pad(w["主要事迹"], limits["主要事迹"])
            slug = f"window-{counter}"
            (folder / "windows" / f"{slug}.yml").write_text(dump(w), encoding="utf-8")
            decisions.append(_decision(f"{code}/windows/{slug}", "window", listed))
        counter += 1
        p = _strings(t["individual"])
        female = counter % 2 == 0
        p |= {"姓名": name(counter), "性别": "女" if female else "男", "身份证号": id_number(counter, female)}
        p["简要事迹"] = pad(p["简要事迹"], limits["简要事迹"])
        p["主要事迹"] = pad(p["主要事迹"], limits["主要事迹"])
        slug = f"person-{counter}"
        p["照片"] = f"photos/{slug}.jpg"
        os.link(t["photo"], folder / "photos" / f"{slug}.jpg")
        (folder / "individuals" / f"{slug}.yml").write_text(dump(p), encoding="utf-8")
        decisions.append(_decision(f"{code}/individuals/{slug}", "individual", listed))
    rest = n - n_units * PER_CITY_UNIT
    if rest:
        _provincial(target, rest, templates[cities[0]], limits, units, counter)
    (target / UNITS_FILE).write_text(
        json.dumps({"units": units, "listed": listed}, ensure_ascii=False), encoding="utf-8"
    )
    sync_project(target)
    body = {"决定": [d for d in decisions if d]}
    (target / "submissions" / "decisions.yml").write_text(dump(body), encoding="utf-8")
    return {"units": len(units), "records": n, "listed": sum(listed.values())}


def _decision(record: str, kind: str, listed: dict[str, int]) -> dict[str, Any]:
    # Windows and individuals in the proportion of the records (2:1), at most MAX_LISTED rows in all.
    cap = MAX_LISTED * 2 // 3 if kind == "window" else MAX_LISTED // 3
    if listed[kind] >= cap:
        return {}
    listed[kind] += 1
    return {"记录": record, "决定": "推荐", "排序": listed[kind]}


def _provincial(
    target: Path,
    rest: int,
    t: dict[str, Any],
    limits: dict[str, int],
    units: list[dict[str, Any]],
    counter: int,
) -> None:
    """The records that do not fill a whole city unit: windows of a provincial office (no quota)."""
    code = "sx-bench"
    unit_name = "山西省社会保险中心（基准测试）"
    units.append({"code": code, "kind": "province", "name": unit_name, "team": "prov-bench"})
    folder = target / "submissions" / code
    (folder / "windows").mkdir(parents=True)
    (folder / "unit.yml").write_text(dump(_strings(t["unit"]) | {"单位": unit_name}), encoding="utf-8")
    for rank in range(1, rest + 1):
        w = _strings(t["windows"][0])
        w |= {
            "推荐排序": rank,
            "窗口名称": f"山西省社会保险中心第{counter + rank}号服务窗口",
            "窗口级别": "省级",
        }
        w["简要事迹"] = pad(w["简要事迹"], limits["简要事迹"])
        w["主要事迹"] = pad(w["主要事迹"], limits["主要事迹"])
        (folder / "windows" / f"window-{counter + rank}.yml").write_text(dump(w), encoding="utf-8")


def sync_project(target: Path) -> None:
    """Copy the project's rules/, site/ and mkdocs.yml afresh, then apply the generated units and quota.

    Run on every reuse of a generated campaign: the project's rules and site move on between runs.
    """
    saved = json.loads((target / UNITS_FILE).read_text(encoding="utf-8"))
    for folder in ("rules", "site"):
        shutil.rmtree(target / folder, ignore_errors=True)
    shutil.copytree(ROOT / "rules", target / "rules")
    # Not `archive`: the sample's frozen 公示 would be published instead of rendering the campaign's own.
    shutil.copytree(
        ROOT / "site", target / "site", ignore=shutil.ignore_patterns("generated", "archive", "__pycache__")
    )
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    _write_rules(target, saved["units"], saved["listed"])


def _write_rules(target: Path, units: list[dict[str, Any]], listed: dict[str, int]) -> None:
    original = yaml.safe_load((ROOT / "rules" / "units.yml").read_text(encoding="utf-8"))
    doc = {k: v for k, v in original.items() if k != "units"} | {"units": units}
    (target / "rules" / "units.yml").write_text(dump(doc), encoding="utf-8")
    text = (target / "rules" / "campaign.yml").read_text(encoding="utf-8")
    quota = f"province_total: {{windows: {max(listed['window'], 1)}, individuals: {max(listed['individual'], 1)}}}"
    text, n = re.subn(r"province_total: \{[^}]*\}", quota, text)
    assert n == 1, "rules/campaign.yml no longer has a one-line province_total"
    (target / "rules" / "campaign.yml").write_text(text, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="生成用于性能测量的合成评选仓库")
    parser.add_argument("n", type=int, help="推荐记录数")
    parser.add_argument("target", type=Path, help="输出目录（会被清空）")
    args = parser.parse_args(argv)
    info = generate(args.n, args.target)
    sys.stdout.write(
        f"{args.target}: {info['records']} 条记录，{info['units']} 个单位，公示名单 {info['listed']} 行\n"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
