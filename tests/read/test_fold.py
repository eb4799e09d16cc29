"""`fold`'s text and its map back to the original, including the texts folded to less or to nothing."""

from __future__ import annotations

from awards.read.fold import digits, fold, fold_both


def test_offsets_point_back_through_both_passes() -> None:
    text = "电话：１３８—三四五六\u200b1207"
    folded = digits(fold(text))
    assert folded.text == "电话:13834561207"
    start = folded.text.index("1")
    assert folded.origin(start, len(folded.text)) == (text.index("１"), len(text))
    assert folded.origin(start + 3, start + 7) == (text.index("三"), text.index("\u200b"))


def test_a_text_of_invisible_characters_folds_to_nothing() -> None:
    folded = fold("\u200b\u200e")
    assert folded.text == ""
    assert list(folded.offsets) == []
    assert folded.origin(0, 0) == (0, 0)


def test_both_readings_share_the_first() -> None:
    words, numbers = fold_both("张一，十二人")
    assert (words.text, numbers.text) == ("张一,十二人", "张1,12人")
    assert numbers.origin(3, 5) == (3, 5)
    plain, same = fold_both("ＡＢＣ")
    assert plain is same and plain.text == "ABC"
