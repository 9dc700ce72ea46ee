"""Scoring on tiny gold files written for these tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.coder.evaluate import (
    _spans_from_marked,
    evaluate_with_coder,
    read_gold,
    split_plv,
)

FIX = Path(__file__).parent / "fixtures"


def test_marked_spans():
    text, s, t = _spans_from_marked("<s>Russia</s> attacked <t>Ukraine</t>.")
    assert text == "Russia attacked Ukraine."
    assert text[s[0]:s[1]] == "Russia" and text[t[0]:t[1]] == "Ukraine"


def test_plv_scores(coder):
    docs, fmt = read_gold(FIX / "tiny.plv.tsv")
    assert fmt == "plv" and len(docs) == 4
    score = evaluate_with_coder(docs, coder, fmt)
    # 3 of 4 gold triples found with the right type (YIELD accepts RETREAT); sentence 4 has no event
    assert (score.n_gold, score.tp_gold, score.pairs_found) == (4, 3, 3)
    assert score.recall == pytest.approx(0.75)
    assert score.precision == pytest.approx(1.0)
    assert score.type_accuracy == pytest.approx(1.0)
    assert ("AGREE", "(none)", 1) in score.confusion_rows()


def test_jsonl_scores(coder):
    docs, fmt = read_gold(FIX / "tiny_gold.jsonl")
    score = evaluate_with_coder(docs, coder, fmt)
    assert (score.n_gold, score.tp_gold, score.n_pred) == (3, 2, 3)
    assert score.precision == pytest.approx(2 / 3) and score.recall == pytest.approx(2 / 3)
    assert score.actor_accuracy == pytest.approx(2 / 3)


def test_split_is_deterministic():
    docs, _ = read_gold(FIX / "tiny.plv.tsv")
    assert [d.id for d in split_plv(docs)[0]] == [d.id for d in split_plv(docs)[0]]


def test_bad_gold_file(tmp_path):
    from detente.errors import UnknownFormat

    p = tmp_path / "x.tsv"
    p.write_text("a\tb\n1\t2\n")
    with pytest.raises(UnknownFormat):
        read_gold(p)


def test_plv_spans_count_from_the_start_of_the_gold_text(coder):
    # the parser cuts the dateline off as a sentence of its own; event spans are relative to the
    # second sentence and must be shifted back before they are compared with the gold spans
    from detente.coder.evaluate import GoldDoc, GoldEvent

    marked = "NAIROBI: <s>The Dutch government</s> has given $12 million in food aid to <t>Kenya</t>."
    text, s, t = _spans_from_marked(marked)
    doc = GoldDoc(id="x", text=text, date=None, events=[GoldEvent(plover="AID", source_span=s, target_span=t)])
    score = evaluate_with_coder([doc], coder, "plv")
    assert score.pairs_found == 1 and score.tp_gold == 1


def test_plv_coordinated_actors_are_one_triple_each(coder):
    # gold marks two coordinated subjects as one span; the coder gives one event per subject,
    # both right triples: precision counts both, the strict variant only one
    from detente.coder.evaluate import GoldDoc, GoldEvent

    text, s, t = _spans_from_marked("<s>Chile and Peru</s> condemned <t>Bolivia</t> on Monday.")
    doc = GoldDoc(id="c", text=text, date=None, events=[GoldEvent(plover="ACCUSE", source_span=s, target_span=t)])
    score = evaluate_with_coder([doc], coder, "plv")
    assert (score.n_pred, score.tp_gold, score.tp_pred, score.tp_pred_strict) == (2, 1, 2, 1)
    assert score.precision == pytest.approx(1.0) and score.precision_strict == pytest.approx(0.5)
    assert score.f1 > score.f1_strict


def test_plv_the_same_pair_twice_counts_once():
    from types import SimpleNamespace

    from detente.coder.evaluate import GoldDoc, GoldEvent, Score, score_doc

    text = "Chile and Peru condemned Bolivia."
    gold = GoldDoc(id="d", text=text, date=None,
                   events=[GoldEvent(plover="ACCUSE", source_span=(0, 14), target_span=(25, 32))])

    def event(src, tgt, plover="ACCUSE"):
        return SimpleNamespace(plover_type=plover, confidence=0.5, sentence=text,
                               spans={"source": src, "target": tgt})

    # Chile, Chile again with a wider span (the same pair), Peru, and Peru with the wrong type
    preds = [event((0, 5), (25, 32)), event((0, 9), (25, 32)), event((10, 14), (25, 32)),
             event((10, 14), (25, 32), "AID")]
    score = Score()
    score_doc(score, gold, preds, "plv")
    assert (score.n_pred, score.tp_pred, score.tp_pred_strict, score.tp_gold) == (4, 2, 1, 1)
