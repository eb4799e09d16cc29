"""Shared fixtures: one exported sample campaign for the whole session (rendering PDFs is the slow part)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from awards import cli
from awards.export.common import Context, prepare
from awards.rules.loader import load
from tests.export.fixture import TODAY, build


@pytest.fixture(scope="session")
def campaign(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(tmp_path_factory.mktemp("campaign"))


@pytest.fixture(scope="session")
def exported(campaign: Path) -> Path:
    """The fixture campaign exported once through the command line, as a clerk would run it."""
    assert cli.main(["export", "--root", str(campaign), "--today", TODAY]) == 0
    return campaign / "exports"


@pytest.fixture(scope="session")
def ctx(campaign: Path) -> Context:
    return prepare(campaign, load(campaign), dt.date.fromisoformat(TODAY))


@pytest.fixture
def fresh(tmp_path: Path) -> Path:
    """A campaign of its own, for tests that change records."""
    return build(tmp_path / "campaign")
