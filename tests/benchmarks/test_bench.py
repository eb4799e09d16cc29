"""One tiny run of the benchmark harness (the real runs are `make bench`, never part of the tests)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

from awards.check.run import validate
from awards.rules.loader import load

REPO = Path(__file__).resolve().parents[2]
BENCH = REPO / "benchmarks"


def test_generated_campaign_is_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        import generate
    finally:
        sys.path.remove(str(BENCH))
    root = tmp_path / "n40"
    info = generate.generate(40, root)
    assert info == {"units": 14, "records": 40, "listed": 39}  # the provincial remainder is not listed
    rules = load(root)
    import datetime as dt

    for today in (dt.date(2021, 8, 20), dt.date(2021, 9, 17)):
        assert validate(root, rules, today, jobs=1).problems == []
    person = next((root / "submissions").glob("*/individuals/*.yml"))
    data = yaml.safe_load(person.read_text(encoding="utf-8"))
    assert 480 <= len("".join(data["简要事迹"].split())) <= 500


def test_harness_smoke_run(tmp_path: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            str(BENCH / "bench.py"),
            "--sizes",
            "20",
            "--work",
            str(tmp_path),
            "--json",
            str(tmp_path / "r.json"),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert "| awards validate 全量，冷缓存，双核（相对下限） |" in out.stdout
    result = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["20"]
    assert result["validate"]["problems"] == 0 and result["serial"]["problems"] == 0
    assert result["incremental"]["problems"] == 0
    assert result["peer"]["ok"], "the equivalent JSON Schema must accept the valid campaign"
    # The parts measured alone took the valid path, as the full check does.
    assert result["cerberus"]["invalid"] == 0
    assert result["photos"]["photos"] == 6  # 20 records: one individual in three
    assert set(result["build"]["timings"]) >= {"检查", "PDF", "MkDocs", "泄露扫描"}


def test_generated_people_are_unique_and_of_working_age() -> None:
    """Across a 50k campaign's worth of people: no ID number twice, and everyone was 16 or older when the
    earliest sample 参加人社工作时间 began (a 10k run once produced 442 warnings for this)."""
    sys.path.insert(0, str(BENCH))
    try:
        import generate
    finally:
        sys.path.remove(str(BENCH))
    starts = [
        str(yaml.safe_load(p.read_text(encoding="utf-8"))["参加人社工作时间"])
        for p in (REPO / "submissions").glob("*/individuals/*.yml")
    ]
    earliest = min(starts)  # "1997-08": the sample writes them as YYYY-MM
    numbers = [generate.id_number(i, i % 2 == 0) for i in range(60_000)]
    assert len(set(numbers)) == len(numbers)
    latest_birth = max(n[6:12] for n in numbers)  # YYYYMM
    year, month = int(earliest[:4]) - 16, int(earliest[5:7])
    assert latest_birth <= f"{year}{month:02d}"
