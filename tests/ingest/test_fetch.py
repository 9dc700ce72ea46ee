"""`detente fetch gdelt` against a loopback HTTP server laid out like data.gdeltproject.org."""

from __future__ import annotations

import hashlib
import http.server
import threading
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from detente import Store
from detente.cli.main import app
from detente.errors import FetchError
from detente.ingest.fetch import fetch_gdelt, list_files

from .builders import gdelt_event

DAYS = ["20161201", "20161202", "20161203"]


def _zip(path: Path, lines: list[str]) -> bytes:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(path.name[:-4], "\n".join(lines) + "\n")
    return path.read_bytes()


@pytest.fixture
def gdelt_site(tmp_path):
    """Fixture files served the way GDELT lays them out; counts requests per path."""
    root = tmp_path / "site"
    (root / "events").mkdir(parents=True)
    (root / "gdeltv2").mkdir()
    sizes, sums, master = [], [], []
    for d, day in enumerate(DAYS):
        name = f"{day}.export.CSV.zip"
        data = _zip(root / "events" / name, [gdelt_event("gdelt1", 10 * d + i, date=day) for i in range(8)])
        sizes.append(f"{len(data)} {name}")
        sums.append(f"{hashlib.md5(data).hexdigest()}  {name}")
        for q in ("000000", "001500"):
            name2 = f"{day}{q}.export.CSV.zip"
            data2 = _zip(root / "gdeltv2" / name2,
                         [gdelt_event("gdelt2", 100 * d + 10 * int(q[2]) + i, date=day) for i in range(5)])
            master.append(f"{len(data2)} {hashlib.md5(data2).hexdigest()} http://data.gdeltproject.org/gdeltv2/{name2}")
            master.append(f"99 0123 http://data.gdeltproject.org/gdeltv2/{day}{q}.mentions.CSV.zip")
    (root / "events" / "filesizes").write_text("\n".join(sizes) + "\n")
    (root / "events" / "md5sums").write_text("\n".join(sums) + "\n")
    (root / "gdeltv2" / "masterfilelist.txt").write_text("\n".join(master) + "\n")
    hits: dict[str, int] = {}
    fail_once: set[str] = set()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *a, **k):
            super().__init__(*a, directory=str(root), **k)

        def do_GET(self):
            hits[self.path] = hits.get(self.path, 0) + 1
            if self.path in fail_once:
                fail_once.discard(self.path)
                self.send_error(503)
                return
            super().do_GET()

        def log_message(self, *a):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    site = type("Site", (), {})()
    site.url, site.root, site.hits, site.fail_once = f"http://127.0.0.1:{server.server_address[1]}", root, hits, fail_once
    yield site
    server.shutdown()


def test_lists_files_in_range(gdelt_site):
    files = list_files("2016-12-02", "2016-12-03", base=gdelt_site.url)
    assert [f.name for f in files] == ["20161202.export.CSV.zip", "20161203.export.CSV.zip"]
    assert all(f.md5 for f in files)
    v2 = list_files("2016-12-01", "2016-12-01", version=2, base=gdelt_site.url)
    assert [f.name for f in v2] == ["20161201000000.export.CSV.zip", "20161201001500.export.CSV.zip"]
    assert v2[0].url.startswith(gdelt_site.url)


def test_download_resume_and_retry(gdelt_site, tmp_path):
    dest = tmp_path / "dl"
    gdelt_site.fail_once.add("/events/20161201.export.CSV.zip")
    res = fetch_gdelt("2016-12-01", "2016-12-02", dest=dest, base=gdelt_site.url, backoff=0.01)
    assert [r.status for r in res] == ["downloaded", "downloaded"]
    assert gdelt_site.hits["/events/20161201.export.CSV.zip"] == 2  # one 503, one retry
    assert not list(dest.glob("*.part"))
    again = fetch_gdelt("2016-12-01", "2016-12-02", dest=dest, base=gdelt_site.url)
    assert [r.status for r in again] == ["cached", "cached"]
    assert gdelt_site.hits["/events/20161202.export.CSV.zip"] == 1


def test_checksum_mismatch_is_an_error(gdelt_site, tmp_path):
    sums = gdelt_site.root / "events" / "md5sums"
    sums.write_text(sums.read_text().replace(sums.read_text()[:4], "ffff", 1))
    with pytest.raises(FetchError, match="checksum"):
        fetch_gdelt("2016-12-01", "2016-12-01", dest=tmp_path / "dl", base=gdelt_site.url, retries=1, backoff=0.01)
    assert not list((tmp_path / "dl").iterdir())


def test_unreachable_server_is_a_fetch_error(tmp_path):
    with pytest.raises(FetchError, match="cannot download"):
        list_files("2016-12-01", "2016-12-01", base="http://127.0.0.1:9", retries=0)


def test_dyad_filter_while_streaming(gdelt_site, tmp_path):
    res = fetch_gdelt("2016-12-01", "2016-12-01", dest=tmp_path / "dl", base=gdelt_site.url, dyad="PAK,RUS")
    assert res[0].status == "filtered"
    lines = res[0].path.read_text().splitlines()
    assert res[0].rows_kept == len(lines) > 0
    assert all({"PAK", "RUS"} == {ln.split("\t")[7], ln.split("\t")[17]} for ln in lines)


def test_cli_fetch_and_import(gdelt_site, tmp_path):
    db = tmp_path / "s.duckdb"
    args = ["fetch", "gdelt", "--start", "2016-12-01", "--end", "2016-12-03", "--dest", str(tmp_path / "dl"),
            "--base-url", gdelt_site.url, "--db", str(db)]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    with Store(db) as s:
        assert s.count(dataset="gdelt1") == 24
    again = CliRunner().invoke(app, args)
    assert again.exit_code == 0 and "cached" in again.output and "skipped" in again.output
    v2 = CliRunner().invoke(app, ["fetch", "gdelt", "--start", "2016-12-01", "--end", "2016-12-01", "--version", "2",
                                  "--dest", str(tmp_path / "dl2"), "--db", str(db)],
                            env={"DETENTE_GDELT_URL": gdelt_site.url})
    assert v2.exit_code == 0, v2.output
    with Store(db) as s:
        assert s.count(dataset="gdelt2") == 10


def test_cli_fetch_bad_dates(tmp_path):
    r = CliRunner().invoke(app, ["fetch", "gdelt", "--start", "2016-12-05", "--end", "2016-12-01",
                                 "--base-url", "http://127.0.0.1:9"])
    assert r.exit_code == 1 and "after --end" in r.output and "Traceback" not in r.output
