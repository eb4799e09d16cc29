"""Every measurement of issues 6 and 15 on generated campaigns of 1,000, 10,000 and 50,000 records, as one table.

Run: `make bench` (or `.venv/bin/python benchmarks/bench.py [--sizes 1000,10000,50000]`). Campaigns are
generated once under --work (default /tmp/awards-bench, outside any git repository) and reused.
Each measurement runs in a fresh process, so its peak memory (its own, or its largest child's: the
checker's workers, MkDocs) is its alone. Every ratio is taken within the same run:

- floor: reading and parsing the same record files with `yaml.CSafeLoader`, nothing else (best of three,
  as are the parts below: a slow floor would flatter the ratios);
- positions, cerberus, photos: three parts of a full check alone (our position-keeping parse; Cerberus
  on parsed data; decoding the photos), to show how much of the floor ratio the stack fixes;
- validate: `awards validate` on a cold cache (both cores), and the same on one core;
- incremental: one record changed after a full run (the pre-commit case), in process and as a command
  (both caches warm; best of five, the median kept in the JSON; the 50k and 1k cells say their
  multiple of the 10k one, since the goal compares them);
- peer: `check-jsonschema` validating the same record files against an equivalent JSON Schema;
- build: `awards build` during the 公示 (snapshot PDF of up to 1,500 rows rendered afresh);
- pdf: that 公示报样 alone (best of three, CPU time, pages, bytes, byte-equal renders).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import jsonschema_peer  # noqa: E402

TODAY = dt.date(2021, 8, 20)  # before the deadlines: the pre-commit situation
DURING = dt.date(2021, 10, 20)  # during the provincial 公示 (10月18–22日): the site lists the decisions
RECORD_KINDS = ("unit", "window", "individual")


def record_files(root: Path) -> dict[str, list[Path]]:
    subs = root / "submissions"
    return {
        "unit": sorted(subs.glob("*/unit.yml")),
        "window": sorted(subs.glob("*/windows/*.yml")),
        "individual": sorted(subs.glob("*/individuals/*.yml")),
    }


def _peak_mib() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def _best_of(work: Callable[[], None], times: int = 3) -> float:
    """The fastest of a few runs: the floor is the denominator of every ratio, and one slow run of it
    (a cold file cache, a busy neighbour) would flatter the checker."""
    seconds = []
    for _ in range(times):
        start = time.perf_counter()
        work()
        seconds.append(time.perf_counter() - start)
    return min(seconds)


def child(kind: str, root: Path, work: Path) -> dict[str, Any]:
    """One measurement, in this (fresh) process."""
    if kind == "floor":
        import yaml

        files = [p for group in record_files(root).values() for p in group]

        def floor() -> None:
            for path in files:
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        return {"seconds": _best_of(floor)}
    if kind == "positions":
        # What our reader adds to the floor: the same parse, keeping every value's line and column.
        from awards.read import yamlsrc

        files = [p for group in record_files(root).values() for p in group]

        def positions() -> None:
            for path in files:
                node, _ = yamlsrc.parse(path.read_bytes().decode("utf-8"))
                assert node is not None
                yamlsrc.to_python(node)

        return {"seconds": _best_of(positions)}
    if kind == "cerberus":
        # Cerberus alone, on data already parsed, with the checker's own validators (one per schema,
        # normalize=False): the part of a full check the issue keeps fixed.
        import cerberus

        import awards.commands.campaign
        from awards.check.fields import _coerce, _with_defaults
        from awards.read import yamlsrc
        from awards.rules.loader import load as load_rules

        schemas = load_rules(root).schemas
        validators = {k: cerberus.Validator(_with_defaults(schemas[k]), allow_unknown=False) for k in schemas}
        docs = []
        for kind_, group in record_files(root).items():
            for path in group:
                node, _ = yamlsrc.parse(path.read_bytes().decode("utf-8"))
                assert node is not None
                docs.append((kind_, _coerce(yamlsrc.to_python(node)[0], schemas[kind_])))
        invalid = []

        def structure() -> None:
            invalid.append(sum(not validators[k].validate(d, normalize=False) for k, d in docs))

        return {"seconds": _best_of(structure), "invalid": max(invalid)}
    if kind == "photos":
        # Decoding every individual's photo as the photo check does (1/8 scale), and nothing else.
        from PIL import Image

        photos = sorted((root / "submissions").glob("*/photos/*"))

        def decode() -> None:
            for path in photos:
                with Image.open(path) as img:
                    img.draft("RGB", (img.width // 8, img.height // 8))
                    img.load()

        return {"seconds": _best_of(decode), "photos": len(photos)}
    if kind == "peer":
        start = time.perf_counter()
        peer = jsonschema_peer.run(root, work / f"schemas-{root.name}", record_files(root))
        return {"seconds": time.perf_counter() - start, "ok": peer["ok"]}
    import awards.commands.campaign  # noqa: F401 - registers the stages' meta-schemas
    from awards.check.run import validate
    from awards.rules.loader import load

    rules = load(root)
    cache = root / ".awards-cache" / "check"  # where `awards validate` keeps it, for the command below
    if kind in ("validate", "serial"):
        import shutil

        shutil.rmtree(cache, ignore_errors=True)
        start = time.perf_counter()
        # What `awards validate` does on a cold cache; the serial run without cache, as before issue 6.
        if kind == "validate":
            result = validate(root, rules, TODAY, cache=cache)
        else:
            result = validate(root, rules, TODAY, jobs=1)
        return {"seconds": time.perf_counter() - start, "problems": len(result.problems)}
    if kind == "incremental":
        # As a pre-commit hook meets it: a git checkout (committed once, not timed), the caches warm from
        # the previous run (the command's own rules cache and the quick index too), one record edited.
        # In process and as the whole command; best of five (as every other row: the least disturbed run
        # on a shared machine), each with a fresh edit; the median is kept in the JSON as well. The edit adds a
        # comment at the end (the quick path: no fact across records moves); `fallback` adds one at the
        # top, which moves every mark of the file, so the rules across records run again on the index
        # of everything (the cached check).
        import statistics

        from awards.check.quick import validate_quickly

        _commit(root)
        command = [sys.executable, "-m", "awards.cli", "validate", "--root", str(root)]
        command += ["--today", TODAY.isoformat()]
        validate_quickly(root, rules, TODAY, cache)  # warm (not timed)
        subprocess.run(command, capture_output=True, check=False)  # warm the rules cache (not timed)
        target = record_files(root)["window"][0]
        original = target.read_bytes()
        inside, whole, fallback = [], [], []
        try:
            for i in range(5):
                target.write_bytes(original + f"# 改动 {i} {time.time_ns()}\n".encode())
                start = time.perf_counter()
                problems, _ = validate_quickly(root, rules, TODAY, cache)
                inside.append(time.perf_counter() - start)
                target.write_bytes(original + f"# 再次改动 {i} {time.time_ns()}\n".encode())
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=False)
                whole.append(time.perf_counter() - start)
                target.write_bytes(f"# 开头改动 {i} {time.time_ns()}\n".encode() + original)
                start = time.perf_counter()
                subprocess.run(command, capture_output=True, check=False)
                fallback.append(time.perf_counter() - start)
                # Back to the committed bytes, indexed again (not timed): the next edit starts as the first.
                target.write_bytes(original)
                validate_quickly(root, rules, TODAY, cache)
        finally:
            target.write_bytes(original)
        return {
            "seconds": min(inside),
            "command": min(whole),
            "fallback": min(fallback),
            "median": {
                "seconds": statistics.median(inside),
                "command": statistics.median(whole),
                "fallback": statistics.median(fallback),
            },
            "problems": len(problems),
        }
    if kind == "build":
        from awards.site.build import build

        start = time.perf_counter()
        report = build(root, rules, DURING, work / f"site-{root.name}", use_cache=False)
        return {"seconds": time.perf_counter() - start, "timings": report.timings}
    if kind == "pdf":
        return _pdf(root, rules)
    raise ValueError(kind)


def _pdf(root: Path, rules: Any) -> dict[str, Any]:
    """The 公示报样 alone, as `awards build` renders it during the 公示 (the same lists; the preview, as
    the bench campaign freezes nothing), without the PDF cache: best of three, with CPU time (this
    process and its workers) and whether the renders are byte-equal."""
    from awards.check import decisions
    from awards.check.run import validate
    from awards.rules.workdays import WorkCalendar
    from awards.site import model, snapshot

    result = validate(root, rules, DURING)
    when = model.period(rules, WorkCalendar(rules.holidays))
    assert when is not None
    lists = model.recommended(
        result.submissions, rules, decisions.clock(result.submissions, rules).formal(DURING)
    )
    source = model.source(root)
    made: list[bytes] = []
    cpu: list[float] = []

    def render() -> None:
        before = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        made.append(snapshot.make(rules, when, lists, source, None, preview=True).pdf)
        after = [resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)]
        cpu.append(
            sum(a.ru_utime + a.ru_stime - b.ru_utime - b.ru_stime for a, b in zip(after, before, strict=True))
        )

    seconds = _best_of(render)
    import io

    from pypdf import PdfReader

    return {
        "seconds": seconds,
        "cpu": min(cpu),
        "pages": len(PdfReader(io.BytesIO(made[0])).pages),
        "bytes": len(made[0]),
        "rows": sum(len(v) for v in lists.values()),
        "parts": snapshot.part_count(lists),
        "reproducible": len(set(made)) == 1,
    }


def _commit(root: Path) -> None:
    """Make the campaign a git checkout with everything committed (once: not part of any timing)."""
    if (root / ".git").is_dir():
        subprocess.run(["git", "-C", str(root), "checkout", "-q", "--", "submissions"], check=True)
        return
    (root / ".gitignore").write_text(".awards-cache/\n.bench-generated\n", encoding="utf-8")
    who = ["-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "-c", "commit.gpgsign=false"]
    who += ["-c", "gc.auto=0"]  # no repacking of 80,000 new objects in the background while measuring
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "bench"]):
        subprocess.run(["git", "-C", str(root), *who, *args], check=True, capture_output=True)


def measure(kind: str, root: Path, work: Path) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--root", str(root), "--work", str(work)],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{kind} on {root} failed:\n{out.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def prepare(n: int, work: Path) -> Path:
    root = work / f"n{n}"
    stamp = root / ".bench-generated"
    # The size and the generator's own source: a changed generator makes the campaigns again.
    # The records are made from the sample's: when the sample's records or the record schemas change
    # (new required fields), campaigns made from the old ones would be full of errors.
    source = hashlib.sha256(Path(generate.__file__).read_bytes())
    for path in sorted(
        [*generate.SAMPLE.rglob("*.yml"), *(generate.ROOT / "rules" / "schemas").rglob("*.yml")]
    ):
        source.update(path.relative_to(generate.ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    made_by = f"{n} {source.hexdigest()}"
    if not stamp.is_file() or stamp.read_text(encoding="utf-8") != made_by:
        generate.generate(n, root)
        stamp.write_text(made_by, encoding="utf-8")
    else:
        generate.sync_project(root)
    return root


KINDS = (
    "floor",
    "positions",
    "cerberus",
    "photos",
    "validate",
    "serial",
    "incremental",
    "peer",
    "build",
    "pdf",
)


def run(
    sizes: list[int], work: Path, build_max: int, peer_max: int, only: tuple[str, ...] = KINDS
) -> dict[int, dict[str, Any]]:
    work.mkdir(parents=True, exist_ok=True)
    table: dict[int, dict[str, Any]] = {}
    for n in sizes:
        root = prepare(n, work)
        row: dict[str, Any] = {"files": sum(len(v) for v in record_files(root).values())}
        for kind in only:
            if (kind == "peer" and n > peer_max) or (kind == "build" and n > build_max):
                continue
            row[kind] = measure(kind, root, work)
            _say(n, kind, row[kind])
        table[n] = row
    return table


def _say(n: int, kind: str, result: dict[str, Any]) -> None:
    sys.stderr.write(f"  N={n:,} {kind}: {result['seconds']:.2f} s\n")


def render(table: dict[int, dict[str, Any]]) -> str:
    sizes = sorted(table)
    head = "| 测量 | " + " | ".join(f"N = {n:,}" for n in sizes) + " | 目标（issue 15，10k，2 核） |"
    lines = [head, "|" + " --- |" * (len(sizes) + 2)]

    def cell(n: int, key: str, ratio: str = "", sub: str | None = None) -> str:
        r = table[n].get(key)
        if r is None:
            return "未测"
        if sub and sub not in r["timings"]:
            return "—"
        seconds = r["timings"][sub] if sub else r["seconds"]
        rate = f" · {n / seconds:,.0f} 条/秒" if not sub else ""
        peak = f" · {r['peak']:,.0f} MiB" if "peak" in r and not sub else ""
        return f"{seconds:.2f} 秒{rate}{peak}{ratio}"

    def ratio(n: int, a: str, b: str) -> str:
        if a not in table[n] or b not in table[n]:
            return ""
        return f" · {table[n][a]['seconds'] / table[n][b]['seconds']:.1f}×"

    def against(key: str, base: str = "floor") -> Callable[[int], str]:
        return lambda n: cell(n, key, ratio(n, key, base))

    def incremental(key: str) -> Callable[[int], str]:
        def shown(n: int) -> str:
            if "incremental" not in table[n]:
                return "未测"
            seconds = table[n]["incremental"][key]
            base = table.get(10_000, {}).get("incremental")
            # The goal compares 50k with 10k, so each other size says its multiple of 10k, from this run.
            versus = f" · 10k 的 {seconds / base[key]:.2f} 倍" if base and n != 10_000 else ""
            return f"{seconds:.2f} 秒{versus}"

        return shown

    def snapshot_pdf(n: int) -> str:
        r = table[n].get("pdf")
        if r is None:
            return "未测"
        same = "逐字节相同" if r.get("reproducible") else "两次不相同！"
        return f"{r['seconds']:.2f} 秒 · {r['pages']:,} 页 · {r['bytes'] / 1e6:.1f} MB · 两次排版{same}"

    rows: list[tuple[str, Callable[[int], str], str]] = [
        ("解析下限：CSafeLoader 只解析（floor）", lambda n: cell(n, "floor"), ""),
        ("其一：同样解析并保留每个值的行列（awards 的读取器，单进程；相对下限）", against("positions"), ""),
        ("其二：只做 Cerberus 结构检查（已解析的数据，单进程；相对下限）", against("cerberus"), ""),
        ("其三：只解码照片（每名个人一张，1/8 尺度，单进程；相对下限）", against("photos"), ""),
        ("awards validate 全量，冷缓存，双核（相对下限）", against("validate"), "≤ 3× 下限"),
        ("awards validate 全量，单进程（相对下限）", against("serial"), ""),
        ("check-jsonschema 同一批文件（peer；比值 = peer / 我们）", against("peer", "validate"), "≥ 5×"),
        ("增量：改 1 条记录后检查，进程内（git 给出改动）", lambda n: cell(n, "incremental"), ""),
        (
            "增量：改 1 条记录后检查，整条命令（含 Python 启动）",
            incremental("command"),
            "< 0.3 秒；50k 不超过 10k 的 1.5 倍",
        ),
        ("增量：改动挪动了跨记录字段的位置（回退到缓存的全部检查），整条命令", incremental("fallback"), ""),
        (
            "公示报样 PDF（公示名单全部行及其简要事迹，单独排版，三次取最快）",
            snapshot_pdf,
            "1,500 行 < 12 秒，逐字节可复现",
        ),
        (
            "awards build（公示中，PDF 重新排版；峰值内存）",
            lambda n: cell(n, "build"),
            "< 25 秒；50k < 60 秒、< 1 GiB",
        ),
    ]

    def part(sub: str) -> Callable[[int], str]:
        return lambda n: cell(n, "build", sub=sub)

    goals = {"PDF": "公示报样（1,500 行及其简要事迹）< 12 秒", "泄露扫描": "< 3 秒"}
    rows += [
        (f"  其中 {sub}", part(sub), goals.get(sub, ""))
        for sub in ("检查", "PDF", "生成页面", "MkDocs", "泄露扫描")
    ]
    for label, fn, goal in rows:
        lines.append(f"| {label} | " + " | ".join(fn(n) for n in sizes) + f" | {goal} |")
    files = " / ".join(f"{table[n]['files']:,}" for n in sizes)
    lines.append("")
    lines.append(
        f"记录文件数（联系表 + 窗口 + 个人）：{files}；照片另计。峰值内存为该进程或其最大子进程的最大常驻内存。"
    )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="性能测量：生成评选、逐项测量、输出表格")
    parser.add_argument("--sizes", default="1000,10000,50000")
    parser.add_argument("--work", type=Path, default=Path("/tmp/awards-bench"))
    parser.add_argument("--build-max", type=int, default=10**9, help="记录数超过此值时不测 awards build")
    parser.add_argument("--peer-max", type=int, default=10**9, help="记录数超过此值时不测 check-jsonschema")
    parser.add_argument("--json", type=Path, help="另存原始结果（JSON）")
    parser.add_argument(
        "--only", default=",".join(KINDS), help="只做这些测量（逗号分隔）：" + ",".join(KINDS)
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--root", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        result = child(args.child, args.root, args.work)
        result["peak"] = _peak_mib()
        sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
        return 0
    sizes = [int(s) for s in args.sizes.split(",")]
    only = tuple(k for k in args.only.split(",") if k)
    unknown = set(only) - set(KINDS)
    if unknown:
        parser.error(f"未知的测量：{'、'.join(sorted(unknown))}")
    table = run(sizes, args.work, args.build_max, args.peer_max, only)
    if args.json:
        args.json.write_text(json.dumps(table, ensure_ascii=False, indent=1), encoding="utf-8")
    sys.stdout.write(render(table))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
