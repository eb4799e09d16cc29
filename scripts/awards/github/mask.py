"""Masking personal numbers in everything that leaves the runner: annotations, the job summary and the
pull-request comment (GitHub e-mails comments to every participant and keeps them forever).

`140121199001011225` becomes `140121**********25`, `13912345678` becomes `139****5678`. The checker's own
text output on a clerk's computer (`awards validate`) keeps the full value: it is the clerk's data, on the
clerk's machine, and they need it to find the line. Standard library only: the comment job imports this
with `python3 -I -S`.

A regular expression, not the checker's ID parser, on purpose: this must also catch a number that is
*invalid* (a typo is still a person's number) and numbers inside any sentence, so it over-masks rather
than parse: any 15 or 18 characters that look like an ID number, any 11-digit mobile number, and the
subscriber part of a landline.
"""

from __future__ import annotations

import re

# 18-character ID (17 digits + digit or X) or the old 15-digit form, not inside a longer run of digits.
_ID = re.compile(r"(?<![0-9A-Za-z])([1-9][0-9]{5})([0-9]{7}|[0-9]{10})([0-9]{2}|[0-9][0-9Xx])(?![0-9A-Za-z])")
# Mobile numbers, optionally with +86 and separators: 139 1234 5678, 139-1234-5678.
_MOBILE = re.compile(r"(?<![0-9])((?:\+?86[- ]?)?1[3-9][0-9])[- ]?([0-9]{4})[- ]?([0-9]{4})(?![0-9])")
# Landlines: area code 0xx(x) and a 7-8 digit subscriber number, optionally an extension.
_LANDLINE = re.compile(r"(?<![0-9])(0[1-9][0-9]{1,2})([- ]?)([0-9]{3,4})([0-9]{4})(?![0-9])")


def _id(m: re.Match[str]) -> str:
    return m[1] + "*" * len(m[2]) + m[3]


def mask(text: str) -> str:
    """`text` with every ID number and phone number masked."""
    text = _ID.sub(_id, text)
    text = _MOBILE.sub(lambda m: f"{m[1]}****{m[3]}", text)
    return _LANDLINE.sub(lambda m: f"{m[1]}{m[2]}{'*' * len(m[3])}{m[4]}", text)
