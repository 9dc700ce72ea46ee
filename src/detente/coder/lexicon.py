"""The event lexicon: (word lemma, particle, object cues) -> CAMEO code.

The table is ``data/lexicon.tsv``, written for detente from the CAMEO event
categories. A row matches a word when its particle (if any) is attached to the
word and one of its cues (if any) is in the object phrase; among matching rows
the most specific wins (cue beats particle beats bare word). A row whose pos is
``SET`` names a cue set ("SET  weapons  *  weapon|missile|...  *"); later rows
use it as ``@weapons`` in their cue column, alone or beside other cues.

Verb-chain rules live here too: "agreed to sell" is an intent to give military
aid (033x), "urged X to withdraw" an appeal (025x), "threatened to attack" a
threat of force (138), "refused to lift" a refusal to yield (124x).

Optionally the PETRARCH verb dictionary can be loaded at run time
(:func:`load_petrarch_verbs`) as a fallback for verbs detente does not know.

>>> lex = Lexicon.default()
>>> lex.lookup("V", "lift", particles=(), cues={"embargo"}).code
'081'
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from detente.errors import InputError

LEXICON_NAME = "detente-lexicon"


@dataclass(frozen=True)
class LexRow:
    pos: str
    lemma: str
    particles: frozenset[str]  # empty = any
    cues: frozenset[str]  # empty = none needed
    code: str

    @property
    def specificity(self) -> int:
        return 2 * bool(self.cues) + bool(self.particles)


@dataclass(frozen=True)
class Match:
    code: str
    specificity: int  # 0 bare word, 1 particle, 2 cue, 3 both; -1 external dictionary
    source: str  # "lexicon" or "petrarch"


# Matrix verbs that change what the verb they govern means ("agreed to sell").
MATRIX = {
    "intent": {"agree", "pledge", "promise", "vow", "offer", "plan", "intend", "commit", "prepare",
               "volunteer", "aim", "expect", "hope", "want", "wish", "seek", "resolve", "undertake", "propose"},
    "request": {"urge", "ask", "call", "appeal", "demand", "press", "request", "implore", "beg", "encourage",
                "invite", "pressure", "push", "persuade", "lobby", "exhort", "beseech", "entreat", "petition",
                "plead"},
    "threat": {"threaten", "warn", "vow_threat"},
    "refuse": {"refuse", "decline", "reject", "fail", "resist", "balk"},
    "hedge": {"consider", "explore", "mull", "weigh", "contemplate", "study", "discuss_plan"},
    "light": {"decide", "begin", "start", "continue", "try", "attempt", "move", "resume", "help", "manage", "keep",
              "go", "proceed", "choose", "opt", "need", "have", "be", "get", "use", "make", "work", "act"},
}
MATRIX_OF = {lemma: kind for kind, lemmas in MATRIX.items() for lemma in lemmas}


def _chain_intent(code: str) -> str:
    root = code[:2]
    if root == "04":
        return "036"
    if root == "05":
        return "032"
    if root == "06":
        return {"061": "0311", "062": "0312", "063": "0313", "064": "0314"}.get(code[:3], "031")
    if root == "07":
        return {"071": "0331", "072": "0332", "073": "0333", "074": "0334"}.get(code[:3], "033")
    if root == "08":
        return {"081": "0351", "082": "0352", "084": "0353", "085": "0354", "086": "0355", "087": "0356"}.get(code[:3], "035")
    if root == "03":
        return code
    return _chain_threat(code) if root >= "15" else code


def _chain_request(code: str) -> str:
    root = code[:2]
    if root == "04":
        return "026"
    if root == "05":
        return "022"
    if root == "06":
        return {"061": "0211", "062": "0212", "063": "0213", "064": "0214"}.get(code[:3], "021")
    if root == "07":
        return {"071": "0231", "072": "0232", "073": "0233", "074": "0234"}.get(code[:3], "023")
    if root == "08":
        return {"081": "0251", "082": "0252", "084": "0253", "085": "0254", "086": "0255", "087": "0256"}.get(code[:3], "025")
    if root in ("02", "03"):
        return "020"
    return "020"


def _chain_threat(code: str) -> str:
    root = code[:2]
    if root == "16":
        return {"161": "1313", "162": "1311", "163": "1312", "164": "134", "165": "135", "166": "136"}.get(code[:3], "131")
    if root == "17":
        return "137"
    if root == "14":
        return "133"  # "threatened to strike", "will boycott the vote": a threat of protest
    if root in ("15", "18", "19", "20"):
        return "138"
    return "130"


def _chain_refuse(code: str) -> str:
    root = code[:2]
    if root == "04":
        return "125"
    if root == "05":
        return "120"
    if root == "06":
        return {"061": "1211", "062": "1212", "063": "1213"}.get(code[:3], "121")
    if root == "07":
        return {"071": "1221", "072": "1222", "073": "1223", "074": "1224"}.get(code[:3], "122")
    if root == "08":
        return {"081": "1241", "082": "1242", "084": "1243", "085": "1244", "086": "1245", "087": "1246"}.get(code[:3], "124")
    if root == "03":
        return "120"
    return code  # refusing to attack is not an event we can code as refusal


CHAIN = {"intent": _chain_intent, "request": _chain_request, "threat": _chain_threat, "refuse": _chain_refuse}


class Lexicon:
    """Lookup over the lexicon rows, plus optional runtime-loaded PETRARCH verbs."""

    def __init__(self, rows: list[LexRow], name: str = LEXICON_NAME, digest: str = "") -> None:
        self.rows = rows
        self._by_key: dict[tuple[str, str], list[LexRow]] = defaultdict(list)
        for r in rows:
            self._by_key[(r.pos, r.lemma)].append(r)
        self.petrarch: dict[str, str] = {}
        self.name = name
        self._digest = digest

    @classmethod
    def default(cls) -> Lexicon:
        return _default_lexicon()

    @classmethod
    def from_text(cls, text: str, name: str = LEXICON_NAME) -> Lexicon:
        rows = []
        cue_sets: dict[str, frozenset[str]] = {}
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            parts = line.rstrip("\n").split("\t")
            if len(parts) != 5:
                raise InputError(f"lexicon line {n}: expected 5 tab-separated fields, got {len(parts)}")
            pos, lemma, particle, cue, code = parts
            cues = frozenset() if cue == "*" else _expand_cues(cue.lower().split("|"), cue_sets, n)
            if pos == "SET":  # a named cue set, used as "@name" in later rows' cue column
                cue_sets[lemma.lower()] = cues
                continue
            rows.append(
                LexRow(
                    pos=pos,
                    lemma=lemma.lower(),
                    particles=frozenset() if particle == "*" else frozenset(particle.lower().split("|")),
                    cues=cues,
                    code=code,
                )
            )
        digest = hashlib.blake2b(text.encode(), digest_size=4).hexdigest()
        return cls(rows, name=name, digest=digest)

    @property
    def version(self) -> str:
        v = f"{self.name}-{self._digest}"
        if self.petrarch:
            v += f"+petrarch{len(self.petrarch)}"
        return v

    def knows(self, pos: str, lemma: str) -> bool:
        return (pos, lemma) in self._by_key or (pos == "V" and lemma in self.petrarch)

    def lookup(self, pos: str, lemma: str, particles=(), cues=frozenset(), depth=None) -> Match | None:
        """The most specific matching row. ``depth`` (cue lemma -> depth below the object
        phrase's head) breaks ties between cue rows: the cue nearest the head wins
        ("expressed concern about growing support" is a concern)."""
        best: LexRow | None = None
        best_key: tuple[int, int] = (-1, 0)
        parts = set(particles)
        cues = frozenset(cues)
        for row in self._by_key.get((pos, lemma), ()):
            if row.particles and not (row.particles & parts):
                continue
            if row.cues and not (row.cues & cues):
                continue
            near = -min((depth.get(c, 99) for c in row.cues & cues), default=99) if depth and row.cues else -99
            key = (row.specificity, near)
            # later rows win ties: the table reads from general to particular
            if best is None or key >= best_key:
                best, best_key = row, key
        if best is not None:
            return Match(best.code, best.specificity, "lexicon")
        if pos == "V" and lemma in self.petrarch:
            return Match(self.petrarch[lemma], -1, "petrarch")
        return None

    def load_petrarch_verbs(self, path: str | Path) -> int:
        """Add verb -> code entries from a PETRARCH verb dictionary (``CAMEO.2.0.txt``).

        Only single-word verb synonyms with a code of their own or their block's
        code are taken; the pattern lines are ignored. Entries never override
        detente's own lexicon. Returns the number of verbs added.
        """
        p = Path(path)
        if not p.exists():
            raise InputError(f"PETRARCH verb dictionary not found: {p}", hint="pass the path to CAMEO.2.0.txt")
        block_code: str | None = None
        added = 0
        head = re.compile(r"^---\s+(\S+)\s+\[([-\d]+)\]")
        word = re.compile(r"^([A-Z][A-Z_]*)\s*(?:\[([-\d]+)\])?\s*$")
        for line in p.read_text(encoding="utf-8", errors="replace").splitlines():
            line = line.split("#", 1)[0].rstrip()
            m = head.match(line)
            if m:
                block_code = m.group(2) if m.group(2) != "---" else None
                continue
            if not line or line.startswith(("-", "~", "+", "&", "<")):
                continue
            m = word.match(line.strip())
            if not m:
                continue
            code = m.group(2) or block_code
            if not code or code == "---":
                continue
            lemma = m.group(1).lower()
            if "_" in lemma or ("V", lemma) in self._by_key or lemma in self.petrarch:
                continue
            self.petrarch[lemma] = code
            added += 1
        return added


def _expand_cues(words: list[str], cue_sets: dict[str, frozenset[str]], line: int) -> frozenset[str]:
    out: set[str] = set()
    for w in words:
        if not w.startswith("@"):
            out.add(w)
        elif w[1:] in cue_sets:
            out |= cue_sets[w[1:]]
        else:
            raise InputError(f"lexicon line {line}: cue set {w} is used before a SET row defines it")
    return frozenset(out)


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    text = files("detente.coder").joinpath("data", "lexicon.tsv").read_text(encoding="utf-8")
    return Lexicon.from_text(text)
