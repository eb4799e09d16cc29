"""`Finder` answers which needles occur in a text in one pass, exactly as asking `needle in text` would.

The leak scan is the last safeguard, so it is strict: a birth date or a local number is found inside
any run of digits (a masked ID number 14010519860412**** still shows the birth date).
"""

from __future__ import annotations

import random

import pytest

from awards.site.finder import Finder

NEEDLES = {
    "1986年4月",
    "7236418",
    "0351-7236418",
    "198604",
    "14012119860412062X",
    "19860412",
    "李佳",
    "李佳慧",
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1986年4月出生，电话 0351-7236418", {"1986年4月", "7236418", "0351-7236418"}),
        ("于198604入职", {"198604"}),
        ("身份证号：14012119860412****", {"198604", "19860412"}),  # masked, yet the birth date shows
        ("身份证号14012119860412062X。", {"14012119860412062X", "198604", "19860412"}),
        ("签字人李佳慧", {"李佳", "李佳慧"}),  # one needle a prefix of another
        ("累计办件 2019 件", set()),
    ],
)
def test_examples(text: str, expected: set[str]) -> None:
    assert Finder(NEEDLES).found(text) == expected == {n for n in NEEDLES if n in text}


def test_agrees_with_asking_for_each_needle() -> None:
    rng = random.Random(20211116)
    alphabet = "0123456789年月-. 李佳慧X"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        needles = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20)}
        for _ in range(5):  # and some that do occur: pieces of the text itself
            if text:
                a = rng.randrange(len(text))
                needles.add(text[a : a + rng.randint(1, 12)])
        assert Finder(needles).found(text) == {n for n in needles if n in text}, (text, needles)
