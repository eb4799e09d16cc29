"""The editors' JSON Schemas and the browser-only walkthrough are published with the site."""

from __future__ import annotations

import json
from collections.abc import Callable

from awards.rules import json_schema
from tests.conftest import REPO
from tests.site.conftest import Build


def test_schemas_are_published_at_schemas(builds: Callable[[str], Build]) -> None:
    site = builds("before")
    for kind in ("window", "individual", "unit"):
        published = site.out / "schemas" / json_schema.file_name(kind)
        committed = REPO / json_schema.FOLDER / json_schema.file_name(kind)
        assert json.loads(published.read_text(encoding="utf-8")) == json.loads(
            committed.read_text(encoding="utf-8")
        )


def test_the_guide_leads_to_the_browser_walkthrough(builds: Callable[[str], Build]) -> None:
    site = builds("before")
    guide = site.text("guide/index.html")
    assert 'href="../browser-guide/"' in guide and 'href="../schemas/individual.schema.json"' in guide
    walkthrough = site.text("browser-guide/index.html")
    for said in (
        "Create pull request",
        "推荐材料检查：未通过",
        "All checks have passed",
        "Commit directly to the",
    ):
        assert said in walkthrough, said
