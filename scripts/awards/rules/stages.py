"""The notice's sequence as dates: which step the campaign is in on a given day (通知三（一）2–3).

初审: cities send their first-review materials by `deadlines.first_review` → the province decides its
初审推荐对象 (`schedule.province_review`) → the ministry's 初审 → the ministry's feedback (planned in
`schedule.ministry_feedback`; the real date and the nominees that go on are recorded by the province in
submissions/decisions.yml) → 正式推荐: cities complete the fed-back nominees' records by
`deadlines.formal` while the province asks the provincial police and runs the 公示 → the formal
package goes to the ministry (`schedule.package`).

`Schedule` is what rules/campaign.yml plans; `Clock` adds what the province has recorded (the
feedback), so it can answer "is the formal stage on today?" and "may this nominee still change?".
The clock is built from data only (no reading of files here): `check.decisions.clock` builds it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any


class Step(StrEnum):
    """The campaign's steps in the notice's order; the value is the key of its label in rules/site.yml."""

    CONTACT_FORM = "contact_form"  # cities send the contact form (附件7)
    FIRST_REVIEW = "first_review"  # cities send their first-review materials
    PROVINCE_REVIEW = "review"  # the province decides its 初审推荐对象
    MINISTRY_REVIEW = "ministry_review"  # the ministry's 初审
    FORMAL = "formal"  # after the feedback: cities complete the fed-back nominees' records
    PUBLICITY = "publicity"  # the provincial 公示 (the province asks the police meanwhile)
    PACKAGE = "package"  # the formal package is prepared and sent to the ministry
    DONE = "after"


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(value) if isinstance(value, str) and value else None


@dataclass(frozen=True, slots=True)
class Schedule:
    """The campaign's planned dates (rules/campaign.yml); None where not yet fixed."""

    reference: dt.date | None  # the day service years are counted to
    contact_form: dt.date | None
    first_review: dt.date | None
    province_review: dt.date | None  # the province decides its 初审推荐对象 by
    ministry_feedback: dt.date | None  # planned; the recorded date in decisions.yml wins
    formal: dt.date | None  # cities' formal materials, by
    publicity_start: dt.date | None
    package: dt.date | None  # the formal package goes to the ministry, by

    @classmethod
    def from_data(cls, c: Mapping[str, Any]) -> Schedule:
        deadlines, plan = c.get("deadlines") or {}, c.get("schedule") or {}
        return cls(
            reference=_date(c.get("reference_date")),
            contact_form=_date(deadlines.get("contact_form")),
            first_review=_date(deadlines.get("first_review")),
            province_review=_date(plan.get("province_review")),
            ministry_feedback=_date(plan.get("ministry_feedback")),
            formal=_date(deadlines.get("formal")),
            publicity_start=_date((c.get("publicity") or {}).get("provincial_start")),
            package=_date(plan.get("package")),
        )


@dataclass(frozen=True, slots=True)
class Feedback:
    """The ministry's feedback as the province recorded it: the day, and the records that go on."""

    date: dt.date
    records: frozenset[str]  # record ids (`Document.record_id`)


@dataclass(frozen=True, slots=True)
class Clock:
    """The schedule plus the recorded feedback and the publicity's end (working days: `WorkCalendar`)."""

    schedule: Schedule
    feedback: Feedback | None = None
    publicity_end: dt.date | None = None

    @property
    def feedback_date(self) -> dt.date | None:
        return self.feedback.date if self.feedback else None

    def formal(self, today: dt.date) -> bool:
        """正式推荐: the ministry's feedback is recorded and its day has come."""
        return self.feedback is not None and today >= self.feedback.date

    def fed_back(self, record: str) -> bool:
        """Whether the ministry named this record among its 拟推荐对象 (whatever the day)."""
        return self.feedback is not None and record in self.feedback.records

    def formal_edit_open(self, today: dt.date) -> bool:
        """Cities may complete their fed-back nominees' records: from the feedback to the formal deadline."""
        if not self.formal(today):
            return False
        end = self.schedule.formal
        return end is None or today <= end

    def step(self, today: dt.date) -> Step:
        """The step the campaign is in on `today`; each step lasts until its own date (inclusive)."""
        s = self.schedule
        ends: list[tuple[Step, dt.date | None]] = [
            (Step.CONTACT_FORM, s.contact_form),
            (Step.FIRST_REVIEW, s.first_review),
            (Step.PROVINCE_REVIEW, s.province_review),
        ]
        for step, end in ends:
            if end is not None and today <= end:
                return step
        if not self.formal(today):
            return Step.MINISTRY_REVIEW if s.first_review and today > s.first_review else Step.FIRST_REVIEW
        if s.publicity_start is not None and today >= s.publicity_start:
            if self.publicity_end is None or today <= self.publicity_end:
                return Step.PUBLICITY
            return Step.PACKAGE if s.package is None or today <= s.package else Step.DONE
        return Step.FORMAL
