"""Personal numbers masked in everything that goes to GitHub (`awards.github.mask`)."""

from __future__ import annotations

import pytest

from awards.github.mask import mask


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("身份证号“140121199001011225”校验码不对", "身份证号“140121**********25”校验码不对"),
        ("14012119900101122X", "140121**********2X"),
        ("140121900101122", "140121*******22"),  # the old 15-digit form
        ("电话 13912345678", "电话 139****5678"),
        ("139-1234-5678 或 +86 139 1234 5678", "139****5678 或 +86 139****5678"),
        ("座机 0351-4567890", "座机 0351-***7890"),
        ("03514567890", "0351***7890"),
    ],
)
def test_numbers_are_masked(text: str, masked: str) -> None:
    assert mask(text) == masked


@pytest.mark.parametrize(
    "text",
    ["2021-08-23 截止", "名额为 2 个", "12333 服务热线", "编号 20210823123456789012", "第 140121 号"],
)
def test_other_text_is_left_alone(text: str) -> None:
    assert mask(text) == text


def test_masking_is_idempotent() -> None:
    once = mask("140121199001011225 13912345678 0351-4567890")
    assert mask(once) == once
