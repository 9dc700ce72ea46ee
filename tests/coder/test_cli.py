"""`detente code` and `detente evaluate coder` through Typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente.cli.main import app

FIX = Path(__file__).parent / "fixtures"
runner = CliRunner()


@pytest.fixture(autouse=True)
def _reuse_model(monkeypatch, coder):
    # Reuse the session's spaCy pipeline so each CLI call does not reload the model.
    from detente.coder import pipeline

    monkeypatch.setattr(pipeline, "load_model", lambda model=None: coder.nlp)


@pytest.fixture
def article(tmp_path):
    p = tmp_path / "article.txt"
    p.write_text("In 2014 Russia lifted its arms embargo on Pakistan. Russia did not criticize Pakistan.\n",
                 encoding="utf-8")
    return p


def test_code_table(article):
    r = runner.invoke(app, ["code", str(article), "--date", "2016-12-10"])
    assert r.exit_code == 0, r.output
    assert "RUS" in r.output and "RETREAT" in r.output


def test_code_jsonl_and_negated(article):
    r = runner.invoke(app, ["code", str(article), "--format", "jsonl", "--include-negated"])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert [x["negated"] for x in recs] == [False, True]
    assert recs[0]["spans"]["source"] == [8, 14]


def test_code_stdin_csv():
    r = runner.invoke(app, ["code", "-", "--format", "csv"], input="France praised Germany.\n")
    assert r.exit_code == 0, r.output
    header, row = r.stdout.splitlines()[:2]
    assert header.startswith("event_id,dataset,date") and ",FRA," in row and ",DEU," in row


def test_code_jsonl_corpus_with_bad_lines_and_db(tmp_path):
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(
        '{"id": "a1", "text": "Russia attacked Ukraine on Monday.", "date": "2022-02-26"}\n'
        "this is not json\n"
        '{"id": "a2", "text": "Die Regierung hat heute beschlossen, die Steuern zu senken und die Renten zu erhöhen."}\n'
        '{"id": "a3", "text": "Ukraine accused Russia of shelling Kharkiv."}\n',
        encoding="utf-8",
    )
    db = tmp_path / "my.duckdb"
    r = runner.invoke(app, ["code", str(corpus), "--input-format", "jsonl", "--format", "jsonl", "--db", str(db)])
    assert r.exit_code == 0, r.output
    recs = [json.loads(line) for line in r.stdout.splitlines() if line.startswith("{")]
    assert {x["doc_id"] for x in recs} == {"a1", "a3"}
    assert "line 2" in r.output and "English" in r.output
    from detente.store import EventStore

    with EventStore(db) as store:
        assert store.count() == len(recs)
        assert store.document("a1")["text"].startswith("Russia attacked")
        assert len(store.sentences("a1")) == 1


def test_code_parquet_needs_out(article, tmp_path):
    r = runner.invoke(app, ["code", str(article), "--format", "parquet"])
    assert r.exit_code != 0
    out = tmp_path / "e.parquet"
    r = runner.invoke(app, ["code", str(article), "--format", "parquet", "--out", str(out)])
    assert r.exit_code == 0, r.output
    import pyarrow.parquet as pq

    assert pq.read_table(out).num_rows == 1


def test_code_errors_are_one_line(tmp_path):
    r = runner.invoke(app, ["code", str(tmp_path / "missing.txt")])
    assert r.exit_code == 1 and "file not found" in r.output and "Traceback" not in r.output
    binary = tmp_path / "b.bin"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00" * 50)
    r = runner.invoke(app, ["code", str(binary)])
    assert r.exit_code == 1 and "binary" in r.output


def test_code_empty_file(tmp_path):
    p = tmp_path / "empty.txt"
    p.write_text("")
    r = runner.invoke(app, ["code", str(p)])
    assert r.exit_code == 0 and "empty" in r.output


def test_code_help_has_text():
    r = runner.invoke(app, ["code", "--help"])
    assert r.exit_code == 0 and "--input-format" in r.output and "--petrarch-verbs" in r.output


def test_evaluate_coder_plv():
    r = runner.invoke(app, ["evaluate", "coder", str(FIX / "tiny.plv.tsv"), "--json"])
    assert r.exit_code == 0, r.output
    res = json.loads(r.stdout.strip().splitlines()[-1])
    assert res["recall"] == 0.75 and res["format"] == "plv"


def test_evaluate_coder_table():
    r = runner.invoke(app, ["evaluate", "coder", str(FIX / "tiny_gold.jsonl"), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    assert "precision" in r.output and "confusion" in r.output
