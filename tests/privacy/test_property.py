"""Property: whatever spelling a record's own ID number, phone or birth month is given, the matcher
finds it in any published field (Hypothesis draws the spellings)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from awards.rules import matcher

ID = "140105198604121232"
MOBILE = "13834561207"
SOURCE = "submissions/x.yml"
SECRETS = matcher.id_secrets(ID, SOURCE) + matcher.phone_secrets("联系电话", MOBILE, SOURCE)
FINDER = matcher.Matcher(SECRETS)

# Every way a digit is written: ASCII, full-width, Arabic-Indic, Chinese numerals (three zeros).
_FORMS = {
    d: [d, chr(0xFF10 + int(d)), chr(0x0660 + int(d)), "〇一二三四五六七八九"[int(d)]]
    + (["零", "○"] if d == "0" else [])
    for d in "0123456789"
}
_SEPARATORS = [
    "",
    "",
    "",
    " ",
    "-",
    "—",
    "–",
    "−",
    "~",
    "*",
    "|",
    ".",
    "\u200b",
    "\u200e",
    "\u2062",
    "\u180e",
    "\u034f",
]
_AROUND = st.sampled_from(["", "电话", "联系我们：", "该同志", "。", "，"])


@st.composite
def spelled(draw: st.DrawFn, number: str) -> str:
    out = []
    for i, d in enumerate(number):
        if i:
            out.append(draw(st.sampled_from(_SEPARATORS)))
        out.append(draw(st.sampled_from(_FORMS[d])))
    return draw(_AROUND) + "".join(out) + draw(_AROUND)


def _labels(text: str) -> set[str]:
    return {f.label for f in FINDER.find(text) if f.source == SOURCE}


@settings(max_examples=150, deadline=None)
@given(spelled(MOBILE))
def test_any_spelling_of_the_mobile_is_found(text: str) -> None:
    assert "联系电话" in _labels(text), ascii(text)


@settings(max_examples=150, deadline=None)
@given(spelled(ID))
def test_any_spelling_of_the_id_number_is_found(text: str) -> None:
    assert "身份证号" in _labels(text), ascii(text)


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["1986", "一九八六", "一九八六", "86"]),
    st.sampled_from(["4", "04", "四", "〇四", "零四"]),
    st.sampled_from(["年{m}月", "年 {m} 月", "年{m}月12日"]),
    _AROUND,
)
def test_any_spelling_of_the_birth_month_is_found(year: str, month: str, shape: str, before: str) -> None:
    text = before + year + shape.format(m=month) + "出生"
    assert "出生日期" in _labels(text), text


@settings(max_examples=100, deadline=None)
@given(st.sampled_from([".", "-", "/", "—", "~"]), st.sampled_from(["4", "04"]))
def test_numeric_year_month_is_found(sep: str, month: str) -> None:
    assert "出生日期" in _labels(f"生于1986{sep}{month}"), (sep, month)
