"""Field checks on a value alone (check-peps style): vocabularies and their alias tables, ranks, phones,
dates and years, and the photo file. The tables come from the project's rules/."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from awards.check.dates import service_findings, window_years_findings
from awards.check.normal import canonical_for, date_spelling, fullwidth_digits
from awards.check.phone import Area, number_findings, split_numbers
from awards.check.photo import image_findings
from awards.check.vocab import education_findings, rank_findings, unit_rank_findings, vocab_findings
from awards.rules.loader import Rules, load
from tests import photos
from tests.conftest import REPO

REFERENCE = dt.date(2021, 8, 23)


@pytest.fixture(scope="module")
def rules() -> Rules:
    return load(REPO)


def codes(found: list) -> list[tuple[str, str | None]]:  # type: ignore[type-arg]
    return [(f.code, f.case) for f in found]


# --- the alias table: each alias a warning naming the canonical form, never an error ---

ALIASES = [
    ("ethnicity", "汉", "汉族"),
    ("ethnicity", "蒙古", "蒙古族"),
    ("political_status", "党员", "中共党员"),
    ("political_status", "团员", "共青团员"),
    ("political_status", "中国共产党党员", "中共党员"),
    ("unit_nature", "事业", "事业单位"),
    ("window_level", "区级", "县级"),
    ("window_kind", "社保", "社会保险经办"),
    ("gender", "男性", "男"),
]


@pytest.mark.parametrize(("vocab", "alias", "canonical"), ALIASES)
def test_an_alias_is_a_warning_naming_the_canonical_form(
    rules: Rules, vocab: str, alias: str, canonical: str
) -> None:
    (found,) = vocab_findings("项", alias, rules.vocab[vocab])
    assert found.code == "vocab-alias" and rules.checks["vocab-alias"].severity.value == "warning"
    assert found.params == {"key": "项", "value": alias, "canonical": canonical}
    assert canonical_for({"vocab": vocab}, alias, rules) == canonical  # what `awards fix` writes
    assert vocab_findings("项", canonical, rules.vocab[vocab]) == []


def test_every_alias_points_to_an_allowed_value(rules: Rules) -> None:
    for vocab in rules.vocab.values():
        assert set(vocab.aliases.values()) <= set(vocab.values), vocab.name
        assert not set(vocab.aliases) & set(vocab.values), vocab.name
    tiers = rules.ranks["tiers"]
    allowed = {*tiers["excluded"], *tiers["above_section"], *tiers["section"]}
    assert set(rules.ranks["aliases"].values()) <= allowed
    assert not set(rules.ranks["aliases"]) & allowed


def test_an_unknown_value_is_still_an_error(rules: Rules) -> None:
    assert codes(vocab_findings("民族", "汉人", rules.vocab["ethnicity"])) == [("vocab-ethnicity", "close")]
    assert codes(vocab_findings("性别", "未知", rules.vocab["gender"])) == [("vocab-gender", "choices")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("大学本科/学士", []),
        ("博士研究生/博士", []),  # GB/T 4658 entries are canonical
        ("硕士研究生/硕士", []),
        ("硕士研究生", []),
        ("本科/学士", [("vocab-alias", None)]),
        ("大专", [("vocab-alias", None)]),
        ("大专/学士", [("vocab-alias", None), ("education-degree", "no-degree")]),
        ("硕士", [("education-degree", "only-degree")]),
        ("大学本科/硕士", [("education-degree", "too-low")]),
        ("大学本科/学位", [("education-degree", "unknown-degree")]),
        ("大本", [("vocab-education", "close")]),
    ],
)
def test_education(rules: Rules, value: str, expected: list[tuple[str, str | None]]) -> None:
    assert codes(education_findings(value, rules.vocab["education"])) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("科员", []),
        ("股级", []),
        ("科级", []),
        ("九级职员", []),
        ("专业技术十级", []),
        ("管理岗九级", [("vocab-alias", None)]),
        ("正科", [("vocab-alias", None)]),
        ("管理岗五级", [("vocab-alias", None), ("rank-above-section", None)]),
        ("管理岗四级", [("vocab-alias", None), ("rank-excluded", None)]),
        ("副厅局级", [("rank-excluded", None)]),
        ("主任科员", [("vocab-admin-rank", "obsolete")]),
    ],
)
def test_person_rank(rules: Rules, value: str, expected: list[tuple[str, str | None]]) -> None:
    assert codes(rank_findings(value, rules.ranks)) == expected


def test_a_window_unit_above_the_line_is_an_error_and_a_county_office_is_not(rules: Rules) -> None:
    key = "窗口所属单位行政级别"
    assert codes(unit_rank_findings("副厅级", rules.ranks, key)) == [("unit-rank-excluded", None)]
    assert codes(unit_rank_findings("正处级", rules.ranks, key)) == []  # a city's 社保中心
    assert codes(unit_rank_findings("正科", rules.ranks, key)) == [("vocab-alias", None)]


# --- numbers ---


def test_fullwidth_digits() -> None:
    assert fullwidth_digits("１３９３５１１２３４５") == "13935112345"
    assert fullwidth_digits("０３５１－７６７６０４０") == "0351-7676040"
    assert fullwidth_digits("14010519880512004Ｘ") is None  # no full-width digit: nothing to say
    assert fullwidth_digits("13935112345") is None


SERVICE = frozenset({"12333", "12345"})
TAIYUAN = Area("太原市", "0351")


@pytest.mark.parametrize(
    ("value", "numbers"),
    [
        ("0351-7676040、13834561207", ["0351-7676040", "13834561207"]),
        ("0351-7676040，0351-7676041", ["0351-7676040", "0351-7676041"]),
        ("0351-7676040/13834561207", ["0351-7676040", "13834561207"]),
        ("0351-7676040 13834561207", ["0351-7676040", "13834561207"]),
        ("0351 7676040", ["0351 7676040"]),  # spaces inside one number
        ("138 3456 1207", ["138 3456 1207"]),
        ("0351-7676040转8012", ["0351-7676040转8012"]),
    ],
)
def test_split_numbers(value: str, numbers: list[str]) -> None:
    assert split_numbers(value) == numbers


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("0351-7676040、13834561207", []),
        ("0351-7676040转8012", []),
        ("0351-7676040-8012", []),
        ("0351-7676040 ext. 12", []),
        ("(0351)7676040", []),
        ("13834561207/1383456120", [("phone-format", "mobile-length")]),  # each number checked
        ("0351-7676040、12333", [("phone-service-number", None)]),
        ("7676040", [("phone-no-area-code", None)]),
        ("0352-7236418", [("phone-area-mismatch", None)]),
        ("１３８３４５６１２０７", [("fullwidth-digits", None)]),
        ("电话待定", [("phone-format", "any")]),
    ],
)
def test_phone_numbers(value: str, expected: list[tuple[str, str | None]]) -> None:
    assert codes(number_findings(value, "any", "联系电话", SERVICE, TAIYUAN)) == expected


def test_a_mobile_where_a_landline_is_asked() -> None:
    found = number_findings("13934561234", "landline", "办公电话", SERVICE, None)
    assert codes(found) == [("phone-format", "landline")]


# --- dates and years ---


def test_date_spellings() -> None:
    assert date_spelling("2011.09") == "2011-09"
    assert date_spelling("2011年9月") == "2011-09"
    assert date_spelling("2021/8/2") == "2021-08-02"
    assert date_spelling("2011-09") is None
    assert date_spelling("2011.13") is None  # not a date: the checker says so, fix leaves it


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2018-08", []),  # three whole years on the reference date
        ("2018-09", [("service-years-near", None)]),  # a week short: the notice names no day
        ("2018年11月", [("service-years-near", None)]),  # three months short
        ("2018-12", [("service-years", None)]),
        ("2022-01", [("date-future", None)]),
        ("2018-13", [("date-format", None)]),
    ],
)
def test_service_years(start: str, expected: list[tuple[str, str | None]]) -> None:
    assert codes(service_findings("参加人社工作时间", start, REFERENCE, 3)) == expected


def test_service_before_working_age() -> None:
    found = service_findings("参加人社工作时间", "2000-01", REFERENCE, 3, dt.date(1988, 5, 12), 16)
    assert codes(found) == [("date-before-working-age", None)]


@pytest.mark.parametrize(
    ("given", "expected"),
    [(9, []), (10, []), (8, [("window-years-mismatch", None)]), (11, [("window-years-mismatch", None)])],
)
def test_window_years_by_either_count(given: int, expected: list[tuple[str, str | None]]) -> None:
    # 2011-09 to 2021-08-23: 9 whole years, 10 by the difference of the years; both are accepted.
    assert codes(window_years_findings(given, "2011-09", REFERENCE)) == expected


# --- the photo file ---


@pytest.mark.parametrize(
    ("variant", "expected"),
    [
        ("good", []),
        ("square", [("photo-proportions", None), ("photo-resolution", None)]),
        ("white", [("photo-background", None)]),
    ],
)
def test_photo_file(
    rules: Rules, tmp_path: Path, variant: str, expected: list[tuple[str, str | None]]
) -> None:
    target = tmp_path / "李佳慧.jpg"
    photos.make(target, variant)
    assert codes(image_findings(target, "photos/李佳慧.jpg", rules.settings.photo)) == expected


def test_a_photo_that_is_not_an_image(rules: Rules, tmp_path: Path) -> None:
    target = tmp_path / "zhang-san.jpg"
    target.write_bytes(b"not a photo" * 2000)
    assert codes(image_findings(target, "photos/zhang-san.jpg", rules.settings.photo)) == [
        ("photo-format", "unreadable")
    ]
