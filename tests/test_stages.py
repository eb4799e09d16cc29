"""The notice's sequence as dates (rules/stages.py): which step a day is in, and the formal edit window."""

from __future__ import annotations

import datetime as dt

from awards.rules.loader import load
from awards.rules.stages import Clock, Feedback, Schedule, Step
from tests.conftest import REPO

D = dt.date
SCHEDULE = Schedule(
    reference=D(2021, 8, 23),
    contact_form=D(2021, 8, 13),
    first_review=D(2021, 8, 23),
    province_review=D(2021, 9, 3),
    ministry_feedback=D(2021, 9, 28),
    formal=D(2021, 10, 15),
    publicity_start=D(2021, 10, 18),
    package=D(2021, 10, 29),
)
FED = Clock(SCHEDULE, Feedback(D(2021, 9, 28), frozenset({"taiyuan/windows/a"})), D(2021, 10, 22))


def test_every_step_in_the_notices_order() -> None:
    days = {
        D(2021, 8, 1): Step.CONTACT_FORM,
        D(2021, 8, 13): Step.CONTACT_FORM,
        D(2021, 8, 20): Step.FIRST_REVIEW,
        D(2021, 8, 30): Step.PROVINCE_REVIEW,
        D(2021, 9, 10): Step.MINISTRY_REVIEW,
        D(2021, 9, 28): Step.FORMAL,
        D(2021, 10, 18): Step.PUBLICITY,
        D(2021, 10, 22): Step.PUBLICITY,
        D(2021, 10, 25): Step.PACKAGE,
        D(2021, 11, 1): Step.DONE,
    }
    assert {day: FED.step(day) for day in days} == days


def test_no_formal_stage_without_a_recorded_feedback() -> None:
    waiting = Clock(SCHEDULE)
    # The planned feedback day has passed, but nothing is recorded: still the ministry's 初审.
    assert waiting.step(D(2021, 10, 20)) is Step.MINISTRY_REVIEW
    assert not waiting.formal(D(2021, 10, 20)) and not waiting.formal_edit_open(D(2021, 10, 1))


def test_the_formal_edit_window_runs_from_the_feedback_to_the_formal_deadline() -> None:
    assert not FED.formal_edit_open(D(2021, 9, 27))
    assert FED.formal_edit_open(D(2021, 9, 28)) and FED.formal_edit_open(D(2021, 10, 15))
    assert not FED.formal_edit_open(D(2021, 10, 16))
    assert FED.fed_back("taiyuan/windows/a") and not FED.fed_back("taiyuan/windows/b")


def test_the_sample_campaign_plans_the_whole_sequence_in_order() -> None:
    settings = load(REPO).settings
    s = settings.schedule
    planned = [s.contact_form, s.first_review, s.province_review, s.ministry_feedback, s.formal]
    assert all(planned) and planned == sorted(planned)  # type: ignore[type-var]
    assert s.formal and s.package and s.formal < s.package
    assert settings.sample is True
