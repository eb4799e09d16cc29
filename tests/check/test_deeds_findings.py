"""字数 as Word and WPS count it, and the deeds' findings, tested on strings."""

from __future__ import annotations

import pytest

from awards.check.deeds import attestation_findings, text_findings, word_count

# (text, 字数 as Word/WPS “字数统计” shows it). Word counts each East Asian character (CJK, full-width
# punctuation) as one, and each run of other non-space characters as one “非中文单词”.
WORD_COUNTS = [
    ("", 0),
    (" \n\t　", 0),  # spaces, line breaks, tabs and the full-width space count nothing
    ("窗口", 2),
    ("零差错、零投诉。", 8),
    ("“延时服务”", 6),  # Chinese curly quotes are full-width in a Chinese document
    ("《人社服务规范》", 8),
    ("累计办理业务3万余件", 10),  # 3 is one word
    ("年均受理来电110万个以上", 11),
    ("接通率由2018年的71%提高到2020年的93%", 15),
    ("满意率达到99.5%。", 7),  # 99.5% is one word
    ("COVID-19疫情期间", 5),
    ("Hello world", 2),
    ("12333热线", 3),
    ("拨打 12333 咨询", 5),
    ("（12333）", 3),  # full-width brackets count, the number is one word
    ("A4纸打印5份", 6),
    ("2021-08-23前报送", 4),
    ("人社部、省人社厅……", 10),  # each … of the Chinese ellipsis counts, as in Word
    ("该同志扎根窗口七年，累计办理业务3万余件，零差错、零投诉。", 29),
]


@pytest.mark.parametrize(("text", "count"), WORD_COUNTS)
def test_word_count_matches_word(text: str, count: int) -> None:
    assert word_count(text) == count


def test_a_text_word_counts_1960_passes_a_2000_limit() -> None:
    # 1,600 CJK characters and 180 years after a full-width comma: Word shows 1,960; counting every
    # digit as a 字 (the old rule) made it 2,500 and refused a text the clerk saw within the limit.
    text = "窗口" * 800 + "，2021" * 180
    assert word_count(text) == 1960
    assert text_findings("主要事迹", text, 2000) == []


def test_over_the_limit_says_the_count_and_how_many_to_cut() -> None:
    (found,) = text_findings("简要事迹", "很" * 505, 500)
    assert found.code == "text-too-long"
    assert found.params == {"key": "简要事迹", "count": 505, "limit": 500, "over": 5}
    assert text_findings("简要事迹", "很" * 500, 500) == []
    assert text_findings("备注", "很" * 5000, None) == []


@pytest.mark.parametrize(("value", "codes"), [(True, []), (False, ["attestation"]), ("是", [])])
def test_attestation(value: object, codes: list[str]) -> None:
    # A string is the schema's business (wrong-type), not the attestation's.
    assert [f.code for f in attestation_findings("在职工作人员", value)] == codes
