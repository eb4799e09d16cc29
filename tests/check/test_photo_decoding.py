"""A truncated photo is refused even in a process where WeasyPrint was imported (it makes Pillow lenient)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PIL import ImageFile

from awards.check.photo import image_findings
from awards.rules.loader import Rules, load
from tests import photos
from tests.conftest import REPO


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load(REPO)


def _truncated(tmp_path: Path) -> Path:
    good = photos._encoded("good")
    path = tmp_path / "zhang-li.jpg"
    path.write_bytes(good[: len(good) * 9 // 10])
    return path


def test_importing_weasyprint_makes_pillow_accept_truncated_files() -> None:
    # Why the checker guards itself: WeasyPrint's import flips Pillow's process-wide switch.
    code = "import weasyprint; from PIL import ImageFile; print(ImageFile.LOAD_TRUNCATED_IMAGES)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "True"


def test_a_truncated_photo_is_unreadable_after_a_pdf_was_rendered(
    rules: Rules, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)  # as after `import weasyprint`
    found = image_findings(_truncated(tmp_path), "photos/zhang-li.jpg", rules.settings.photo)
    assert [(f.code, f.case) for f in found] == [("photo-format", "unreadable")]
    assert ImageFile.LOAD_TRUNCATED_IMAGES is True  # the process's setting is given back
