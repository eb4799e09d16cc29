"""Every rule, one deliberate mistake at a time: each invalid case yields exactly its expected problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cases import Case, as_lines, cases


@pytest.mark.parametrize("case", cases("invalid"), ids=lambda c: c.name)
def test_invalid_case(case: Case, tmp_path: Path) -> None:
    expected = case.expected()
    assert expected, f"{case.name}: an invalid case must expect at least one problem"
    assert as_lines(case.run(tmp_path / "repo")) == expected


@pytest.mark.parametrize("case", cases("valid-variants"), ids=lambda c: c.name)
def test_valid_variant(case: Case, tmp_path: Path) -> None:
    assert as_lines(case.run(tmp_path / "repo")) == []
