"""`awards snapshot --freeze`: render the current 公示 once, check it as a build would, and store it.

The snapshot goes through every gate a published file goes through (the checker errors that touch the
publicity, then the leak scan of the PDF's text and of the list), because once committed it is
published byte for byte by every later build. It is rendered only from committed records: its footer
names the commit it came from, and a reader must be able to find exactly those records there.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from pathlib import Path

from awards.check import decisions
from awards.check.run import validate
from awards.rules.loader import Rules
from awards.rules.private import published_numbers
from awards.rules.workdays import WorkCalendar
from awards.site import archive, gate, leaks, model
from awards.site.build import BuildRefusedError, refuse_on_errors, render_or_refuse


def freeze(root: Path, rules: Rules, today: dt.date, replace: bool = False) -> archive.Frozen:
    when = model.period(rules, WorkCalendar(rules.holidays))
    if when is None:
        raise BuildRefusedError(
            "rules/campaign.yml 中还没有省级公示开始日期（publicity.provincial_start），无从存档。"
        )
    source = model.source(root)
    if source.commit is None:
        raise BuildRefusedError(
            "这里不是 git 仓库（或还没有任何提交）：存档的页脚要印上来源提交，请在评选仓库中运行。"
        )
    if source.dirty:
        raise BuildRefusedError(
            "rules/ 或 submissions/ 中有未提交的改动。存档只能按已提交的记录生成（页脚印着来源提交），"
            "请先提交或撤销这些改动。"
        )
    result = validate(root, rules, today)
    # The recommended records are about to be published, whatever the clock says.
    refuse_on_errors(result, rules, gate.published_paths(result.submissions))
    formal = decisions.clock(result.submissions, rules).formal(today)
    lists = model.recommended(result.submissions, rules, formal)
    snap = render_or_refuse(rules, when, lists, source, None, preview=False)
    files = {snap.record["file"]: snap.pdf, snap.record["list_file"]: snap.listing}
    secrets = leaks.secrets(model.private_docs(result.submissions), rules, names=False)
    with tempfile.TemporaryDirectory(prefix="awards-freeze-") as tmp:
        for name, data in files.items():
            (Path(tmp) / name).write_bytes(data)
        ignore = leaks.set_aside([snap.record], rules.campaign)
        found = leaks.scan(Path(tmp), secrets, ignore=ignore, exempt=published_numbers(rules))
    if found:
        raise BuildRefusedError(
            f"泄露扫描发现 {len(found)} 处不得公开的信息，没有存档。", [leak.message() for leak in found[:50]]
        )
    try:
        return archive.freeze(root, rules, snap.record, files, today, replace)
    except archive.ArchiveError as exc:
        raise BuildRefusedError(str(exc), exc.details) from None
