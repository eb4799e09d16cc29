"""Finding many literal strings in a text at once: which of the needles occur in it, and nothing else.

The leak scan looks for every form of every private value (an ID number, its birth date written ten
ways, each phone written five ways…) in every output file. Asking `needle in text` for each costs
needles × text, which for 10,000 records (some 150,000 needles, 20 MB of site) never finishes. This
answers the same question in about one pass over the text:

- a needle with a run of at least four digits is looked up by its longest such run: the text's digit
  runs are found by a regular expression, their substrings of the right lengths are looked up in a
  dictionary, and each candidate is confirmed in place (`startswith`);
- every other needle (names, e-mail addresses, photo file names) goes into one regular expression,
  written as a trie so that it stays fast with thousands of needles; where it matches, a walk of the
  same trie collects every needle that starts there (one may be a prefix of another).
"""

from __future__ import annotations

import re
from collections import defaultdict

_DIGITS = re.compile(r"\d+")
_LONG_DIGITS = re.compile(r"\d{4,}")
_END = ""  # trie key marking the end of a needle (no needle character is the empty string)

Trie = dict[str, "Trie"]


class Finder:
    def __init__(self, needles: set[str]) -> None:
        self.empty = "" in needles  # the empty string is in every text, as `in` says
        # anchor (a run of 4+ digits) -> [(where it starts in the needle, needle)]
        self.anchored: dict[str, list[tuple[int, str]]] = defaultdict(list)
        self.lengths: list[int] = []
        others = []
        for needle in needles:
            if not needle:
                continue
            run = max(_DIGITS.finditer(needle), key=lambda m: len(m.group()), default=None)
            if run is not None and len(run.group()) >= 4:
                self.anchored[run.group()].append((run.start(), needle))
            else:
                others.append(needle)
        self.lengths = sorted({len(a) for a in self.anchored})
        self.trie: Trie = {}
        for needle in others:
            node = self.trie
            for ch in needle:
                node = node.setdefault(ch, {})
            node[_END] = {}
        self.pattern = re.compile(f"(?=(?:{_regex(self.trie)}))") if self.trie else None

    def found(self, text: str) -> set[str]:
        """Every needle that occurs in `text`."""
        hits: set[str] = {""} if self.empty else set()
        if self.anchored:
            for m in _LONG_DIGITS.finditer(text):
                run, start = m.group(), m.start()
                for length in self.lengths:
                    if length > len(run):
                        break
                    for i in range(len(run) - length + 1):
                        for offset, needle in self.anchored.get(run[i : i + length], ()):
                            at = start + i - offset
                            if at >= 0 and needle not in hits and text.startswith(needle, at):
                                hits.add(needle)
        if self.pattern is not None:
            for m in self.pattern.finditer(text):
                self._walk(text, m.start(), hits)
        return hits

    def _walk(self, text: str, at: int, hits: set[str]) -> None:
        node, i = self.trie, at
        while True:
            if _END in node:
                hits.add(text[at:i])
            if i >= len(text) or text[i] not in node:
                return
            node, i = node[text[i]], i + 1


def _regex(node: Trie) -> str:
    """The trie as a regular expression that matches where some needle starts.

    Where a needle ends the expression may stop: a longer needle there extends one already matched.
    """
    branches = []
    for ch, child in sorted(node.items()):
        if ch == _END:
            continue
        head = re.escape(ch)
        while _END not in child and len(child) == 1:  # a chain of single children: one literal run
            ((ch, child),) = child.items()
            head += re.escape(ch)
        branches.append(head if _END in child else f"{head}(?:{_regex(child)})")
    return "|".join(branches)
