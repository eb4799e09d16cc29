"""The two publicity tables (windows, individuals): one definition for the 公示 page and the PDF.

Both show the same columns with the same fixed widths, so a reader comparing the page with the printed
报样 sees the same table. The widths are percentages of the table and, with 序号, add up to 100.
"""

from __future__ import annotations

from awards.rules.kinds import Kind
from awards.site.escape import table
from awards.site.model import Entry

ORDER = ("序号", 8)
COLUMNS: dict[str, tuple[tuple[str, int], ...]] = {
    "window": (("窗口名称", 34), ("窗口所属单位名称", 30), ("窗口级别", 12), ("窗口类别", 16)),
    "individual": (("姓名", 11), ("性别", 7), ("民族", 9), ("工作单位", 38), ("职务", 27)),
}

# A change to one width must be balanced by another: a table wider than 100% overflows the A4 page.
assert all(ORDER[1] + sum(w for _, w in cols) == 100 for cols in COLUMNS.values())


def heading(kind: Kind, entries: list[Entry]) -> str:
    return f"{kind.name}（{len(entries)} {kind.counter}）"


def list_table(kind: str, entries: list[Entry]) -> str:
    """The table of one list, in the order given (the decision order), every cell escaped."""
    columns = COLUMNS[kind]
    return table(
        (ORDER[0], *(name for name, _ in columns)),
        [(e.order, *(e.get(name) for name, _ in columns)) for e in entries],
        widths=(ORDER[1], *(w for _, w in columns)),
    )
