"""The privacy corpus: how people really write a private value (and what only looks like one), each
item run through `validate`'s privacy check and through the build's leak scan, with the verdict each
must give. Both must agree on every item: the build never refuses what validate passed.

The record is 王五 (a fictional nominee): ID 140105198604121232 (born 1986-04-12), mobile
138-3456-1207, a 征求意见 signed by 高平. Negative items are counts, place names and dates that are
not his birth date.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from awards.check import privacy
from awards.check.context import Ctx
from awards.core.sink import Sink
from awards.read.load import Document
from awards.rules.loader import Rules, load
from awards.rules.private import published_numbers
from awards.rules.workdays import WorkCalendar
from awards.site import leaks

REPO = Path(__file__).resolve().parents[2]
ID = "140105198604121232"
SOURCE = "submissions/taiyuan/individuals/wang-wu.yml"
RECORD = {
    "姓名": "王五",
    "身份证号": ID,
    "联系电话": "138-3456-1207",
    "征求意见": {"纪检监察": {"意见": "同意推荐", "签字人": "高平", "日期": "2021-10-20"}},
}

LEAKS = {
    "birth month, Chinese numerals": ["一九八六年四月出生", "生于一九八六年4月", "1986年四月参加工作前"],
    "birth month, 〇 零 ○ in a year": ["一九八六年四月", "一九八六年〇四月", "一九八六年零四月"],
    "birth month, two-digit year": ["86年4月生", "86 年 4 月出生", "86年04月"],
    "birth month, numeric dates": ["4/12/1986", "12.04.1986", "1986.04", "1986-4-12", "1986/04"],
    "birth date inside digits": ["14010519860412****", "生于１９８６０４１２", "19860412"],
    "own mobile, separators": [
        "138—3456—1207",
        "138–3456–1207",
        "138−3456−1207",
        "138~3456~1207",
        "138*3456*1207",
        "138|3456|1207",
        "138 3456 1207",
    ],
    "own mobile, other digits": [
        "１３８３４５６１２０７",
        "١٣٨٣٤٥٦١٢٠٧",
        "一三八三四五六一二〇七",
        "一三八三四五六一二○七",
        "一三八三四五六一二零七",
    ],
    "own mobile, invisible characters": [
        "138\u200e3456\u200f1207",
        "138\u20613456\u20641207",
        "138\u180e3456\u034f1207",
        "1\u200b3\u200d8\u20603456\ufeff1207",
    ],
    "anybody's ID number": [
        "帮助群众张某（身份证号140105197509230045）",
        "110101199003077774",
        "14010519750923004５",
    ],
    "anybody's mobile": ["张某电话13912345678", "联系139-1234-5678", "+86 139 1234 5678"],
    "anybody's landline": ["电话0357-5212345", "（0357）5212345", "0357 5212345"],
    "signer's name": ["经高平同志签字", "签字人：高平", "高平认为"],
}
CLEAN = {
    "counts": ["累计服务群众19,864人次", "办件11986045件", "累计办件1986041件", "好评率99.8%"],
    "place names": ["高平市人社局", "在高平市窗口", "晋城市高平市"],
    "dates that are not the birth date": [
        "2019年4月被评为先进",
        "1987年4月",
        "1986年5月",
        "二〇一九年四月",
        "4/12/1987",
        "86年5月",
        "1986年",
    ],
    "short and listed numbers": [
        "12333热线",
        "第3、4、5名",
        "取消证明材料23项",
        "0351-7676040（规则中的示例号码）",
    ],
}


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load(REPO)


def _validate(rules: Rules, text: str) -> set[str]:
    data = {**RECORD, "简要事迹": text}
    doc = Document(SOURCE, "individual", "taiyuan", "wang-wu", data)
    sink = Sink(rules.checks)
    privacy.check(Ctx(doc, rules, dt.date(2021, 9, 1), sink, WorkCalendar(rules.holidays)))
    return {p.code for p in sink.problems}


def _scan(rules: Rules, text: str, tmp_path: Path) -> list[leaks.Leak]:
    (tmp_path / "page.html").write_text(f"<p>{text}</p>", encoding="utf-8")
    doc = Document(SOURCE, "individual", "taiyuan", "wang-wu", dict(RECORD))
    secrets = leaks.secrets([doc], rules, names=False)
    return leaks.scan(tmp_path, secrets, exempt=published_numbers(rules))


def _items(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(cls, item) for cls, items in table.items() for item in items]


def test_every_class_has_three_members() -> None:
    assert all(len(items) >= 3 for items in [*LEAKS.values(), *CLEAN.values()])


@pytest.mark.parametrize(("cls", "text"), _items(LEAKS))
def test_a_leak_is_refused_by_validate_and_by_the_scan(
    rules: Rules, tmp_path: Path, cls: str, text: str
) -> None:
    assert _validate(rules, text) & {"private-in-public-text", "private-number-in-public-text"}, (cls, text)
    if cls.startswith("birth month"):
        return  # a month is only a birth month in the record's own fields: validate's part alone
    assert _scan(rules, text, tmp_path), (cls, text)


@pytest.mark.parametrize(("cls", "text"), _items(CLEAN))
def test_clean_text_passes_both(rules: Rules, tmp_path: Path, cls: str, text: str) -> None:
    assert _validate(rules, text) == set(), (cls, text)
    assert _scan(rules, text, tmp_path) == [], (cls, text)
