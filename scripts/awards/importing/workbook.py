"""Reading a workbook into plain grids: pandas `read_excel`, openpyxl for .xlsx, calamine for .xls.

Every sheet comes back whole, as rows of cell values with `None` for empty cells, and row/column 0 is
Excel's row 1 / column A, so a finding can name the cell the clerk sees.
"""

from __future__ import annotations

import datetime as dt
import math
from pathlib import Path
from typing import Any

import pandas as pd

from awards.core.errors import UsageError

Grid = list[list[Any]]

# openpyxl reads the Office Open XML files Excel and WPS write today; calamine (Rust, maintained) reads
# the old binary .xls that some offices still send, which openpyxl cannot.
ENGINES = {".xlsx": "openpyxl", ".xlsm": "openpyxl", ".xls": "calamine"}


def _plain(value: Any) -> Any:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, pd.Timestamp):
        return value.to_pydatetime()
    if value is pd.NaT:
        return None
    if isinstance(value, str) and not value.strip():
        return None
    if isinstance(value, dt.time):
        return str(value)
    return value


def read(path: Path) -> dict[str, Grid]:
    """{sheet name: grid}, in the workbook's order."""
    engine = ENGINES.get(path.suffix.lower())
    if engine is None:
        raise UsageError(
            f"{path.name} 不是 Excel 表格（.xlsx 或 .xls）；WPS 表格请“另存为”Excel 格式后再导入。"
        )
    try:
        frames = pd.read_excel(path, sheet_name=None, header=None, dtype=object, engine=engine)
    except FileNotFoundError:
        raise UsageError(f"找不到文件 {path}") from None
    except Exception as exc:  # every reader raises its own types for a damaged or mislabelled file
        raise UsageError(
            f"无法读取 {path.name}：文件已损坏或不是 Excel 表格（{type(exc).__name__}）。"
        ) from None
    return {
        str(name): [[_plain(v) for v in row] for row in frame.itertuples(index=False, name=None)]
        for name, frame in frames.items()
    }
