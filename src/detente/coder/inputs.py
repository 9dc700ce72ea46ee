"""Reading what users feed the coder: files, stdin, JSONL corpora, odd bytes.

* :func:`read_text` decodes bytes (UTF-8, UTF-8 with BOM, UTF-16 with BOM, then
  cp1252 with a warning) and refuses binary files.
* :func:`iter_jsonl` streams ``{"id", "text", "date"?}`` lines; malformed lines
  come out as :class:`~detente.errors.BadRow` with their line number, and the
  rest go on.
* :func:`looks_english` is a cheap stop-word test used to skip other languages.
* :func:`chunks` cuts huge texts into pieces the parser can take.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from detente.errors import BadRow, InputError

CHUNK_CHARS = 10_000

_EN_STOP = frozenset(
    ["the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "it", "with", "as", "was", "at", "by", "be", "this", "are", "from", "or", "an", "have", "has", "had", "not", "but", "were", "which", "their", "its", "they", "his", "he", "she", "said", "will", "would", "been", "after", "than", "who", "also", "over", "more", "into"]
)


def is_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if not head:
        return False
    ctrl = sum(1 for b in head if b < 9 or (13 < b < 32))
    return ctrl / len(head) > 0.1


def decode(data: bytes, name: str = "input") -> tuple[str, str | None]:
    """Bytes -> text, and a warning when the encoding had to be guessed."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), None
    if is_binary(data):
        raise InputError(f"{name} looks like a binary file, not text", hint="give a .txt article or a JSONL corpus")
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), f"{name} is not UTF-8; read it as Windows-1252"


def read_text(path: str | Path, stdin: IO[bytes] | None = None) -> tuple[str, str | None]:
    """The text of a file (``-`` = stdin), with an encoding warning when needed."""
    if str(path) == "-":
        if stdin is None:
            import sys

            stdin = sys.stdin.buffer
        return decode(stdin.read(), "stdin")
    p = Path(path)
    if not p.exists():
        raise InputError(f"file not found: {p}", hint="check the path")
    if p.is_dir():
        raise InputError(f"{p} is a directory", hint="give one file, or a JSONL corpus with --input-format jsonl")
    return decode(p.read_bytes(), p.name)


def iter_jsonl(stream: IO[bytes] | IO[str], name: str = "input") -> Iterator[dict[str, Any] | BadRow]:
    """Stream a JSONL corpus: one dict per good line, a BadRow per malformed one."""
    for n, raw in enumerate(stream, 1):
        if isinstance(raw, bytes):
            if b"\x00" in raw:
                yield BadRow("line contains NUL bytes (binary data?)", line=n, raw=raw[:80].decode("latin-1"))
                continue
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("cp1252", errors="replace")
        else:
            line = raw
        line = line.strip()
        if not line:
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield BadRow(f"not valid JSON ({exc.msg})", line=n, raw=line[:80])
            continue
        if not isinstance(obj, dict):
            yield BadRow("not a JSON object", line=n, raw=line[:80])
            continue
        text = obj.get("text")
        if not isinstance(text, str):
            yield BadRow('missing "text" string', line=n, raw=line[:80])
            continue
        doc_id = obj.get("id")
        yield {"id": str(doc_id) if doc_id is not None else f"{name}:{n}", "text": text,
               "date": obj.get("date"), "line": n, "title": obj.get("title"), "source": obj.get("source")}


def looks_english(text: str) -> bool:
    sample = text[:3000]
    letters = [c for c in sample if c.isalpha()]
    if len(letters) < 20:
        return True  # too little to judge; let the coder try
    latin = sum(1 for c in letters if c.isascii())
    if latin / len(letters) < 0.6:
        return False
    words = re.findall(r"[A-Za-zÀ-ÿ']+", sample.lower())
    if len(words) < 8:
        return True
    foreign = sum(w in _FOREIGN_STOP for w in words)
    english = sum(w in _EN_STOP for w in words)
    if len(words) < 40:
        # short texts: headlines and one-line reports have few English function words,
        # so only a clear majority of another language's function words counts
        return not (foreign >= 2 and foreign > english)
    return english / len(words) >= 0.12 and english >= foreign


_FOREIGN_WORDS = (
    "der die das und ist nicht mit den dem ein eine zu sich auf le la les des est une dans pour qui sur pas "
    "el los las y que por para una del con se lo il di che è gli della het een van zijn niet ook och att är"
)
_FOREIGN_STOP = frozenset(_FOREIGN_WORDS.split())

_BREAK = re.compile(r"\n\s*\n|(?<=[.!?])\s+")


def chunks(text: str, size: int = CHUNK_CHARS) -> Iterator[tuple[int, str]]:
    """(offset, piece) pairs, each piece at most ``size`` characters, cut at sentence ends when possible."""
    n = len(text)
    start = 0
    while start < n:
        if n - start <= size:
            yield start, text[start:]
            return
        window = text[start:start + size]
        cut = None
        for m in _BREAK.finditer(window):
            if m.end() > size // 4:
                cut = m.end()
        if cut is None:
            ws = window.rfind(" ", size // 2)
            cut = ws + 1 if ws > 0 else size
        yield start, text[start:start + cut]
        start += cut


# a news agency in brackets: "(AP)", "(dpa)", or up to four capitalised words: "(Thomson Reuters Foundation)"
_AGENCY = r"\((?:[A-Za-z0-9.]{1,12}|[A-Z][A-Za-z0-9.&-]*(?: [A-Z][A-Za-z0-9.&-]*){1,3})\)"
_DATELINE = re.compile(r'(?m)^[ \t]*[A-Z][A-Z.\'’]+(?:[ ,]+[A-Z][A-Za-z.\'’]+){0,4}[ ,]*(?:' + _AGENCY
                       + r')?\s*(?:--|—|–|-|"|:)\s')
# "New York, May 17, IRNA - ...", "BEIJING, March 3 (Xinhua) -- ...": a place, a date and an agency
_DATELINE_DATED = re.compile(
    r'(?m)^[ \t]*[A-Z][A-Za-z.]+(?:[ ,]+[A-Z][A-Za-z.]+){0,3},[ \t]+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)'
    r'[a-z]*\.?[ \t]+\d{1,2}(?:,[ \t]*\d{4})?[ \t]*(?:' + _AGENCY + r'|,[ \t]*[A-Z]{2,8})?[ \t]*(?:--|—|–|-)\s')
# "Davao City--Police have ...": a place in title case glued to a double dash before the first word
_DATELINE_GLUED = re.compile(r'(?m)^[ \t]*[A-Z][a-z]+(?: [A-Z][a-z]+){0,3}(?:--|—)(?=[A-Z])')


def blank_datelines(text: str) -> str:
    """Blank out news datelines ("BERLIN --", "WASHINGTON (AP) -") so the parser does not take the
    place for a subject. Same length: character offsets stay valid."""
    for rx in (_DATELINE, _DATELINE_DATED, _DATELINE_GLUED):
        text = rx.sub(lambda m: " " * len(m.group(0)), text)
    return text
