"""`Finder` answers which needles occur in a text in one pass, exactly as asking for each one would."""

from __future__ import annotations

import random
import re

import pytest

from awards.private import stands_alone
from awards.site.finder import Finder


def naive(needles: set[str], text: str) -> set[str]:
    """The definition: short numbers as whole runs of digits, everything else as a substring."""
    runs = set(re.findall(r"\d+", text))
    return {n for n in needles if (n in runs if stands_alone(n) else n in text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1986年4月出生，电话 0351-7236418", {"1986年4月", "7236418", "0351-7236418"}),
        ("于198604入职", {"198604"}),
        ("累计办件 11986045 件", set()),  # a birth month inside a longer number is nobody's
        ("名单 SHA-256：3f2a198604e1", {"198604"}),  # a whole run, even between hex letters
        ("身份证号14012119860412062X。", {"14012119860412062X"}),  # its birth date is inside it
        ("签字人李佳慧", {"李佳", "李佳慧"}),  # one needle a prefix of another
    ],
)
def test_examples(text: str, expected: set[str]) -> None:
    needles = {"1986年4月", "7236418", "0351-7236418", "198604", "14012119860412062X", "19860412"}
    needles |= {"李佳", "李佳慧", "13834561207"}
    assert Finder(needles).found(text) == expected == naive(needles, text)


def test_agrees_with_asking_for_each_needle() -> None:
    rng = random.Random(20211116)
    alphabet = "0123456789年月-. 李佳慧X"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        needles = {"".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12))) for _ in range(20)}
        # and some that do occur: pieces of the text itself
        for _ in range(5):
            if text:
                a = rng.randrange(len(text))
                needles.add(text[a : a + rng.randint(1, 12)])
        assert Finder(needles).found(text) == naive(needles, text), (text, needles)
