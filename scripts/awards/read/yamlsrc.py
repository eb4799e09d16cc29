"""Reading YAML the way a clerk wrote it.

Values come from the text the user typed, never from what a YAML 1.1 resolver guessed: an unquoted
ID number stays the string of 18 characters, `2015.10` stays `2015.10`, `no` stays `no`. Only
`true`/`false` and empty become booleans and None (YAML 1.2 core). Numbers are made by the schema
stage, which knows which fields are numbers.

We walk libyaml's *event* stream rather than its node tree: events carry anchors, tags and the
scalar style (plain or quoted), which the composer throws away, and they keep the C parser's speed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Union

import yaml

from awards.core.problems import Mark

try:
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - libyaml missing; PyYAML's pure-Python parser is 10x slower
    _Loader = yaml.SafeLoader


@dataclass(frozen=True, slots=True)
class Finding:
    """A problem found before the catalogue gives it a severity and a sentence."""

    code: str
    mark: Mark
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(slots=True)
class Scalar:
    value: str
    plain: bool
    mark: Mark


@dataclass(slots=True)
class MapNode:
    pairs: list[tuple[Scalar, Node]]
    mark: Mark


@dataclass(slots=True)
class SeqNode:
    items: list[Node]
    mark: Mark


Node = Union[Scalar, MapNode, SeqNode]  # noqa: UP007 - a runtime alias used by isinstance users
Path = tuple[str | int, ...]

MAX_DEPTH = 20  # records nest two or three levels; deeper input is hostile or broken
_CORE_TAG = "tag:yaml.org,2002:"
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
# A key followed by a full-width colon, as typed with a Chinese input method: `姓名：张三`.
_FULLWIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([^\s:：#'\"][^:：#\n]{0,30}?)\s*：")

_OPEN_QUOTE = re.compile(r"""^(\s*(?:-\s+)?[^\s:#'"][^:#]*:\s+)(["'])""")

_SYNTAX_HINTS = (
    ("mapping values are not allowed", "这里不能出现“项名: 值”，可能是缩进不对，或值里有冒号需要加英文引号"),
    ("could not find expected ':'", "缺少半角冒号“:”，或上一行的缩进不对"),
    ("did not find expected key", "缩进不对齐，或上一项的值没有写完（例如引号没有配对）"),
    ("found unexpected end of stream", "文件在引号或括号没有闭合时就结束了"),
    ("found unknown escape character", "双引号里的反斜杠“\\”要写成“\\\\”，或改用单引号"),
    (
        "found character that cannot start any token",
        "这一行开头有 YAML 不允许的字符（如 @、`、%），请给值加英文引号",
    ),
    ("did not find expected <document start>", "格式错误，可能是缩进不对"),
    ("did not find expected '-' indicator", "列表的缩进不对"),
    ("control characters are not allowed", "含有不可见的控制字符，请删去（常见于从网页或 Word 复制的文字）"),
    ("while scanning a quoted scalar", "引号没有配对"),
    ("exceeded maximum nesting depth", "括号或缩进嵌套的层次太多，记录不需要这么多层"),
    ("expected a comment or a line break", "这一行在值的后面还有多余的内容，值里有冒号或 # 时请加英文引号"),
    ("expected <block end>", "缩进不对齐：同一组的项要从同一列开始"),
)


def decode(raw: bytes, max_bytes: int) -> tuple[str | None, list[Finding]]:
    """Bytes to text, or the reason they are not a YAML text we accept."""
    if len(raw) > max_bytes:
        return None, [
            Finding("file-too-large", Mark(), {"size_kb": len(raw) // 1024, "limit_kb": max_bytes // 1024})
        ]
    if b"\x00" in raw or raw.startswith((b"%PDF", b"PK\x03\x04", b"\xd0\xcf\x11\xe0")):
        return None, [Finding("file-binary", Mark())]
    if raw.startswith(b"\xef\xbb\xbf"):  # a BOM from Windows Notepad: harmless, positions unaffected
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        try:
            raw.decode("gb18030")
            guess = "GBK/GB18030，Windows 中文系统的默认编码"
        except UnicodeDecodeError:
            guess = "未知编码"
        return None, [Finding("file-encoding", Mark(line, col), {"guess": guess})]
    if not text.strip():
        return None, [Finding("file-empty", Mark())]
    return text, []


def _mark(m: Any) -> Mark:
    return Mark(m.line + 1, m.column + 1)


def _offset_mark(text: str, index: int) -> Mark:
    line = text.count("\n", 0, index) + 1
    return Mark(line, index - (text.rfind("\n", 0, index) + 1) + 1)


def fullwidth_key(line_text: str) -> str | None:
    m = _FULLWIDTH_KEY.match(line_text)
    return m.group(1) if m else None


def _syntax_finding(text: str, exc: yaml.YAMLError) -> Finding:
    lines = text.splitlines()
    if isinstance(exc, yaml.MarkedYAMLError) and exc.problem_mark is not None:
        mark = _mark(exc.problem_mark)
        raw_reason = f"{exc.context or ''} {exc.problem or ''}"
    elif isinstance(exc, yaml.reader.ReaderError):
        mark = _offset_mark(text, exc.position)
        raw_reason = exc.reason
    else:  # pragma: no cover - every libyaml error is one of the two above
        mark, raw_reason = Mark(), str(exc)
    if "tab" in raw_reason and 0 < mark.line <= len(lines):
        tab = lines[mark.line - 1].find("\t")
        return Finding("yaml-tab", Mark(mark.line, tab + 1 if tab >= 0 else mark.col))
    # A full-width colon usually breaks the parse a line or two below where it was typed.
    for n in range(max(1, mark.line - 2), min(len(lines), mark.line) + 1):
        key = fullwidth_key(lines[n - 1])
        if key is not None:
            return Finding("yaml-fullwidth-colon", Mark(n, lines[n - 1].index("：") + 1), {"key": key})
    # An unclosed quote swallows the following lines, so libyaml complains far below it.
    for n in range(1, min(len(lines), mark.line) + 1):
        m = _OPEN_QUOTE.match(lines[n - 1])
        if m and not lines[n - 1].rstrip().endswith(m.group(2)):
            return Finding(
                "yaml-syntax",
                Mark(n, m.start(2) + 1),
                {"detail": "这一行的值以引号开头，但没有配对的结束引号"},
            )
    detail = next((zh for en, zh in _SYNTAX_HINTS if en in raw_reason), None)
    if detail is None:
        # libyaml's own wording is English; the position is what helps, so say what to look at there.
        detail = "这一行或上一行的格式无法识别，请对照模板检查缩进、冒号和引号"
    return Finding("yaml-syntax", mark, {"detail": detail})


def _tab_findings(text: str) -> list[Finding]:
    """Tabs in indentation; libyaml reports only the first, and sometimes far from it."""
    if "\t" not in text:
        return []
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            found.append(Finding("yaml-tab", Mark(n, indent.index("\t") + 1)))
    return found


def parse(text: str) -> tuple[Node | None, list[Finding]]:
    """Parse one YAML document into our node tree; findings for everything we refuse."""
    tabs = _tab_findings(text)
    if tabs:
        return None, tabs
    findings: list[Finding] = []
    try:
        root = _build(yaml.parse(text, Loader=_Loader), findings)
    except yaml.YAMLError as exc:
        return None, [_syntax_finding(text, exc)]
    if root is None and not findings:
        findings.append(Finding("file-empty", Mark()))
    return root, findings


def _build(events: Iterator[Any], findings: list[Finding]) -> Node | None:
    # The hot loop of every check (half a million events at 10,000 records): dispatch on the exact
    # event class, scalars first, and find duplicate keys through a dict per mapping, not a scan.
    stack: list[MapNode | SeqNode] = []
    pending_key: list[Scalar | None] = []
    seen_keys: list[dict[str, Scalar]] = []
    root: Node | None = None
    documents = 0

    def attach(node: Node) -> None:
        nonlocal root
        if not stack:
            root = node
            return
        parent = stack[-1]
        if type(parent) is SeqNode:
            parent.items.append(node)
            return
        key = pending_key[-1]
        if key is None:
            if type(node) is not Scalar:
                findings.append(Finding("yaml-syntax", node.mark, {"detail": "项名必须是文字"}))
                node = Scalar("", True, node.mark)
            pending_key[-1] = node
            return
        pending_key[-1] = None
        seen = seen_keys[-1].get(key.value)
        if seen is not None:
            findings.append(
                Finding("yaml-duplicate-key", key.mark, {"key": key.value, "first_line": seen.mark.line})
            )
            return
        seen_keys[-1][key.value] = key
        parent.pairs.append((key, node))  # type: ignore[union-attr]

    def refuse_extras(ev: Any) -> None:
        anchor = getattr(ev, "anchor", None)
        if anchor:
            findings.append(Finding("yaml-alias", _mark(ev.start_mark), {"token": f"&{anchor}"}))
        tag = getattr(ev, "tag", None)
        if tag:
            shown = "!!" + tag.removeprefix(_CORE_TAG) if tag.startswith(_CORE_TAG) else tag
            findings.append(Finding("yaml-tag", _mark(ev.start_mark), {"tag": shown}))

    for ev in events:
        cls = type(ev)
        if cls is _SCALAR:
            if ev.anchor or ev.tag:
                refuse_extras(ev)
            m = ev.start_mark
            attach(Scalar(ev.value, not ev.style, Mark(m.line + 1, m.column + 1)))
        elif cls in _CLOSE:
            stack.pop()
            pending_key.pop()
            seen_keys.pop()
        elif cls in _OPEN:
            refuse_extras(ev)
            if len(stack) >= MAX_DEPTH:
                detail = f"嵌套超过 {MAX_DEPTH} 层，记录不需要这么多层"
                findings.append(Finding("yaml-syntax", _mark(ev.start_mark), {"detail": detail}))
                return None
            node: MapNode | SeqNode = (
                MapNode([], _mark(ev.start_mark))
                if cls is yaml.MappingStartEvent
                else SeqNode([], _mark(ev.start_mark))
            )
            attach(node)
            stack.append(node)
            pending_key.append(None)
            seen_keys.append({})
        elif cls is yaml.AliasEvent:
            findings.append(Finding("yaml-alias", _mark(ev.start_mark), {"token": f"*{ev.anchor}"}))
            attach(Scalar("", True, _mark(ev.start_mark)))
        elif cls is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                findings.append(Finding("yaml-multiple-documents", _mark(ev.start_mark)))
                break
    return root


_SCALAR = yaml.ScalarEvent
_OPEN = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
_CLOSE = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def scalar_value(node: Scalar) -> str | bool | None:
    if node.plain:
        if node.value in _NULLS:
            return None
        if node.value in _TRUE:
            return True
        if node.value in _FALSE:
            return False
    return node.value


@dataclass(slots=True)
class Positions:
    """Where each value (and its key) sits in the file, by path of keys."""

    values: dict[Path, Mark] = field(default_factory=dict)
    keys: dict[Path, Mark] = field(default_factory=dict)
    nodes: dict[Path, Node] = field(default_factory=dict)

    def value(self, path: Path) -> Mark:
        """The value's position, else its key's, else the nearest enclosing one's."""
        while path:
            mark = self.values.get(path) or self.keys.get(path)
            if mark is not None:
                return mark
            path = path[:-1]
        return self.values.get((), Mark())

    def key(self, path: Path) -> Mark:
        return self.keys.get(path) or self.value(path)


_INT = re.compile(r"^-?[0-9]+$")
_FLOAT = re.compile(r"^-?[0-9]+\.[0-9]+$")


def to_python(root: Node, numbers: bool = False) -> tuple[Any, Positions]:
    """Plain data plus positions. `numbers=True` (rules files only) reads plain digits as numbers."""
    pos = Positions()
    return _walk(root, (), pos, numbers), pos


# A module function, not a closure: a closure that calls itself is a reference cycle, which kept every
# file's nodes and marks alive until the cyclic collector came by (a third of a check's garbage).
def _walk(node: Node, path: Path, pos: Positions, numbers: bool) -> Any:
    pos.values[path] = node.mark
    pos.nodes[path] = node
    if isinstance(node, Scalar):
        if numbers and node.plain:
            if _INT.match(node.value):
                return int(node.value)
            if _FLOAT.match(node.value):
                return float(node.value)
        return scalar_value(node)
    if isinstance(node, SeqNode):
        return [_walk(item, (*path, i), pos, numbers) for i, item in enumerate(node.items)]
    out: dict[str, Any] = {}
    for key, value in node.pairs:
        child = (*path, key.value)
        pos.keys[child] = key.mark
        out[key.value] = _walk(value, child, pos, numbers)
    return out
