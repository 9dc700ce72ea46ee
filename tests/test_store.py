import duckdb
import pytest

from detente import Store
from detente.errors import InputError, StoreError
from detente.models import EVENT_FIELDS, Event
from detente.store import migrations


def ev(**kw):
    base = dict(dataset="gdelt1", date="2015-03-01", date_precision="day", source_code="RUSGOV",
                source_country="RUS", target_code="PAK", target_country="PAK", cameo_code="057",
                quad_class=1, goldstein=8.0, origin="f.csv:1")
    base.update(kw)
    return Event(**base)


def test_schema_is_the_event_record(store):
    cols = [r[0] for r in store.con.execute("DESCRIBE events").fetchall()]
    assert cols == list(EVENT_FIELDS)
    assert store.totals()["migrations"] == [name for name, _ in migrations.MIGRATIONS]


def test_reopen_applies_no_migration_twice(tmp_path):
    path = tmp_path / "s.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    assert migrations.apply(con) == []
    con.close()


def test_migration_trims_actor_fields_of_older_imports(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP)")
    for name, sql in migrations.MIGRATIONS[:2]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
    con.execute("INSERT INTO events (event_id, dataset, source_code, target_code, target_name) "
                "VALUES ('a', 'gdelt1', 'USA', ' AFG', ' AFGHANISTAN'), ('b', 'gdelt1', 'USA', ' ', NULL)")
    assert migrations.apply(con) == ["0003_trim_actor_fields"]
    rows = con.execute("SELECT event_id, source_code, target_code, target_name FROM events ORDER BY 1").fetchall()
    assert rows == [("a", "USA", "AFG", "AFGHANISTAN"), ("b", "USA", None, None)]
    con.close()


def test_duplicate_event_keeps_both_origins(store):
    a = ev(event_id="x1", origin="a.csv:3")
    b = ev(event_id="x1", origin="b.csv:9")
    assert store.insert_events([a]).stored == 1
    res = store.insert_events([b])
    assert (res.stored, res.duplicates) == (0, 1)
    assert store.count() == 1
    assert store.origins("x1") == ["a.csv:3", "b.csv:9"]


def test_duplicates_within_one_batch(store):
    res = store.insert_events([ev(event_id="y"), ev(event_id="y", origin="g.csv:2"), ev(event_id="z")])
    assert (res.stored, res.duplicates) == (2, 1)


@pytest.mark.parametrize(
    "filters,expected",
    [
        (dict(dyad="PAK,RUS"), {"a", "b", "c"}),
        (dict(dyad="RUS,PAK", directed=True), {"a", "c"}),
        (dict(dyad="PAK,RUS", directed=True), {"b"}),
        (dict(actor="IND"), {"d"}),
        (dict(country="USA"), {"d"}),
        (dict(since="2015-01-01", until="2015-12-31"), {"a", "b"}),
        (dict(cameo="05"), {"a", "c"}),
        (dict(root="19"), {"b"}),
        (dict(plover="ASSAULT"), {"b"}),
        (dict(quad_class="1,2"), {"a", "c", "d"}),
        (dict(dataset="icews"), {"d"}),
        (dict(source="RUSGOV"), {"a", "c"}),
    ],
)
def test_filters(store, filters, expected):
    store.insert_events([
        ev(event_id="a", cameo_code="057", plover_type="AGREE"),
        ev(event_id="b", source_code="PAKMIL", source_country="PAK", target_code="RUS", target_country="RUS",
           cameo_code="190", plover_type="ASSAULT", quad_class=4),
        ev(event_id="c", date="2016-10-01", cameo_code="051", plover_type="SUPPORT"),
        ev(event_id="d", dataset="icews", date="2016-01-01", source_code="IND", source_country="IND",
           target_code="USA", target_country="USA", cameo_code="042", quad_class=1),
    ])
    assert set(store.events(**filters)["event_id"]) == expected


def test_actor_rule_country_wins_code_prefix_speaks_for_actors_without_one(store):
    from detente.analysis import dyad_events

    store.insert_events([
        ev(event_id="plain"),                                                     # RUS -> PAK
        ev(event_id="no_country", source_code="RUSMIL", source_country=None,      # code only
           target_code="PAKGOV", target_country=None),
        ev(event_id="other_country", target_code="PAKREB", target_country="AFG"),  # recorded country wins
        ev(event_id="igo", source_code="IGOUNO", source_country=None),
    ])
    expected = {"plain", "no_country"}
    assert set(store.events(dyad="PAK,RUS")["event_id"]) == expected
    # the analytics engine applies the same rule
    assert set(dyad_events(store, "PAK", "RUS")["event_id"]) == expected
    # a longer spec is a code prefix, whatever the country says
    assert set(store.events(target="PAKREB")["event_id"]) == {"other_country"}
    assert set(store.events(dyad="IGOUNO,PAK")["event_id"]) == {"igo"}
    assert set(dyad_events(store, "IGOUNO", "PAK")["event_id"]) == {"igo"}


def test_negated_events_hidden_unless_asked(store):
    store.insert_events([ev(event_id="n", negated=True), ev(event_id="p")])
    assert set(store.events()["event_id"]) == {"p"}
    assert set(store.events(include_negated=True)["event_id"]) == {"n", "p"}


@pytest.mark.parametrize(
    "filters,message",
    [
        (dict(dyad="PAK"), "a dyad needs two actors"),
        (dict(since="yesterday"), "is not a date"),
        (dict(quad_class="7"), "is not 1-4"),
        (dict(since="2016-01-01", until="2015-01-01"), "is after"),
    ],
)
def test_bad_filters_are_typed_errors(store, filters, message):
    with pytest.raises(InputError, match=message):
        store.events(**filters)


def test_transaction_rolls_back_on_crash(store):
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.insert_events([ev(event_id="t")], in_transaction=True)
            raise RuntimeError("killed mid-import")
    assert store.count() == 0


def test_documents_and_sentences(store):
    assert store.insert_documents([{"doc_id": "d1", "text": "Hello.", "date": "2016-12-04", "title": "T"}]) == 1
    assert store.insert_documents([{"doc_id": "d1", "text": "Hello again."}]) == 0
    store.insert_sentences([{"doc_id": "d1", "sentence_id": 0, "start_char": 0, "end_char": 6, "text": "Hello."}])
    assert store.document("d1")["text"] == "Hello."
    assert store.sentences("d1")["text"].tolist() == ["Hello."]


def test_read_only_store_refuses_missing_file(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "missing.duckdb", read_only=True)


def test_default_location_follows_env(tmp_path, monkeypatch):
    monkeypatch.setenv("DETENTE_DB", str(tmp_path / "env.duckdb"))
    s = Store()
    assert s.path == str(tmp_path / "env.duckdb")
    s.close()


def test_batches_stream(store):
    store.insert_events([ev(event_id=str(i)) for i in range(25)])
    sizes = [b.num_rows for b in store.iter_event_batches(batch_size=10)]
    assert sum(sizes) == 25


def test_optimize_sorts_by_dyad_and_keeps_everything(tmp_path):
    from typer.testing import CliRunner

    from detente.cli.main import app

    path = tmp_path / "o.duckdb"
    pairs = [("USA", "CHN"), ("PAK", "RUS"), (None, "IND"), ("CHN", "USA"), ("PAK", "AFG"), ("AFG", None)]
    with Store(path) as store:
        store.insert_events([
            ev(event_id=f"e{i}", source_country=s, source_code=s or "IGOUNO", target_country=t,
               target_code=t or "NGO", date=f"2015-0{1 + i % 6}-01", origin=f"f.csv:{i}")
            for i, (s, t) in enumerate(pairs * 3)])
        store.insert_events([ev(event_id="e1", origin="g.csv:7")])  # a second origin for e1
        before = store.events(include_negated=True).sort_values("event_id").reset_index(drop=True)
        before_pak_rus = set(store.events(dyad="PAK,RUS")["event_id"])
    result = CliRunner().invoke(app, ["db", "optimize", "--db", str(path)])
    assert result.exit_code == 0, result.output
    assert "18 events sorted" in " ".join(result.output.split())
    with Store(path) as store:
        order = store.con.execute("SELECT source_country, target_country, date FROM events ORDER BY rowid").fetchall()
        key = [(s is None, s or "", t is None, t or "", d) for s, t, d in order]
        assert key == sorted(key)
        after = store.events(include_negated=True).sort_values("event_id").reset_index(drop=True)
        assert after.equals(before)
        assert set(store.events(dyad="PAK,RUS")["event_id"]) == before_pak_rus
        assert store.origins("e1") == ["f.csv:1", "g.csv:7"]
        # the primary key still holds
        assert store.insert_events([ev(event_id="e2")]).duplicates == 1


def test_negative_limit_is_a_typed_error(store):
    store.insert_events([ev(), ev(date="2015-03-02", origin="f.csv:2")])
    assert len(store.events(limit=1)) == 1 and len(store.events(limit=0)) == 0
    with pytest.raises(StoreError, match="cannot be negative"):
        store.events(limit=-5)


def test_events_without_an_id_or_a_dataset_are_refused_whole(store):
    import pyarrow as pa

    rows = pa.table({"event_id": ["a", "b", None], "dataset": ["text", "text", "text"]})
    with pytest.raises(InputError, match="1 of 3 events have no event_id"):
        store.insert_events(rows)
    rows = pa.table({"event_id": ["a", "b"], "date": pa.array([None, None], pa.date32())})
    with pytest.raises(InputError, match="2 of 2 events have no dataset"):
        store.insert_events(rows)
    assert store.count() == 0  # nothing half-written, and the store still takes good rows
    assert store.insert_events([ev(event_id="c")]).stored == 1
