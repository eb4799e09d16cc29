"""Chinese search: the words jieba must keep whole so that a nominee is found by full name.

mkdocs-material's search plugin segments Chinese text with jieba when it builds the index, joining the
words with zero-width spaces; the browser then matches the words a reader types. jieba's stock
dictionary does not know the nominees' names, so 李佳慧 could be cut into 李/佳慧 and a search for the
full name would find nothing. The build hands the names to the MkDocs hook (`awards.site.hooks`),
which adds them to jieba's dictionary before any page is indexed.
"""

from __future__ import annotations

from awards.site.model import Entry


def words(lists: dict[str, list[Entry]]) -> list[str]:
    """Names and window names of the listed nominees; nothing before the publicity (lists are empty)."""
    found = {e.name.strip() for entries in lists.values() for e in entries if e.name.strip()}
    # jieba's dictionary format is space separated; a name with a space could not be a single word.
    return sorted(w for w in found if not any(c.isspace() for c in w))


def add_words(names: list[str]) -> None:
    import jieba

    for name in names:
        # Without a frequency jieba computes one just high enough to keep the word whole.
        jieba.add_word(name)
