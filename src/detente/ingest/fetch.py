"""Download GDELT event files for a date range from GDELT's own file lists.

GDELT 1.0: daily ``YYYYMMDD.export.CSV.zip`` under ``{base}/events/``, listed in
``events/filesizes`` (``size name``) with checksums in ``events/md5sums``
(``md5  name``). GDELT 2.0: 15-minute ``YYYYMMDDHHMMSS.export.CSV.zip`` listed in
``gdeltv2/masterfilelist.txt`` (``size md5 url``; translingual files in
``masterfilelist-translation.txt``).

Downloads go to ``NAME.part`` and are renamed once complete and verified, so an
interrupted fetch resumes: files already there with the right checksum (or size)
are not downloaded again. With a dyad or actor filter, each file is filtered
line by line while it is unzipped, and only the matching rows are kept.

>>> plan = fetch_gdelt("2016-12-01", "2016-12-07", dest="gdelt/")   # doctest: +SKIP
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from detente.errors import FetchError, InputError

DEFAULT_BASE_URL = "http://data.gdeltproject.org"
_GDELT_HOST = "http://data.gdeltproject.org"


@dataclass
class RemoteFile:
    name: str
    url: str
    size: int | None
    md5: str | None


@dataclass
class FetchResult:
    name: str
    path: Path
    status: str  # downloaded | cached | filtered
    rows_kept: int | None = None


def base_url(explicit: str | None = None) -> str:
    return (explicit or os.environ.get("DETENTE_GDELT_URL") or DEFAULT_BASE_URL).rstrip("/")


def _date(value: str | dt.date, what: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise InputError(f"{what} {value!r} is not a date", hint="use YYYY-MM-DD") from None


def _get(url: str, *, retries: int, backoff: float, timeout: float) -> bytes:
    last: Exception | None = None
    for attempt in range(retries + 1):
        try:
            with urllib.request.urlopen(url, timeout=timeout) as resp:
                return resp.read()
        except urllib.error.HTTPError as exc:
            last = exc
            if exc.code == 404:
                break
        except (urllib.error.URLError, OSError) as exc:
            last = exc
        if attempt < retries:
            time.sleep(backoff * (2 ** attempt))
    raise FetchError(f"cannot download {url}: {_why(last)}", hint="check the network or --base-url, then run again")


def _why(exc: Exception | None) -> str:
    if isinstance(exc, urllib.error.HTTPError):
        return f"HTTP {exc.code}"
    if isinstance(exc, urllib.error.URLError):
        return str(exc.reason)
    return str(exc)


def list_files(start: str | dt.date, end: str | dt.date, *, version: int = 1, translingual: bool = False,
               base: str | None = None, retries: int = 3, backoff: float = 1.0, timeout: float = 60) -> list[RemoteFile]:
    """The GDELT event files whose date falls in [start, end], from GDELT's file lists."""
    d0, d1 = _date(start, "--start"), _date(end, "--end")
    if d0 > d1:
        raise InputError(f"--start {d0} is after --end {d1}")
    root = base_url(base)
    kw = {"retries": retries, "backoff": backoff, "timeout": timeout}
    if not root.startswith(("http://", "https://")):
        raise InputError(f"--base-url {root!r} is not an http(s) URL")
    out: list[RemoteFile] = []
    if version == 1:
        sizes = _get(f"{root}/events/filesizes", **kw).decode("utf-8", "replace")
        try:
            sums_text = _get(f"{root}/events/md5sums", **kw).decode("utf-8", "replace")
        except FetchError:
            sums_text = ""
        sums = {}
        for ln in sums_text.splitlines():
            parts = ln.split()
            if len(parts) == 2:
                sums[parts[1]] = parts[0].lower()
        for ln in sizes.splitlines():
            parts = ln.split()
            if len(parts) != 2 or not parts[1].endswith(".export.CSV.zip"):
                continue
            day = _day(parts[1][:8])
            if day and d0 <= day <= d1:
                out.append(RemoteFile(parts[1], f"{root}/events/{parts[1]}", int(parts[0]), sums.get(parts[1])))
    elif version == 2:
        listing = "masterfilelist-translation.txt" if translingual else "masterfilelist.txt"
        text = _get(f"{root}/gdeltv2/{listing}", **kw).decode("utf-8", "replace")
        for ln in text.splitlines():
            parts = ln.split()
            if len(parts) != 3 or not parts[2].endswith(".export.CSV.zip"):
                continue
            name = parts[2].rsplit("/", 1)[-1]
            day = _day(name[:8])
            if day and d0 <= day <= d1:
                url = parts[2]
                if url.startswith(_GDELT_HOST) or not url.startswith("http"):
                    url = f"{root}/gdeltv2/{name}"
                out.append(RemoteFile(name, url, int(parts[0]) if parts[0].isdigit() else None, parts[1].lower()))
    else:
        raise InputError(f"GDELT version {version} does not exist", hint="use --version 1 or 2")
    return sorted(out, key=lambda f: f.name)


def _day(s: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(s, "%Y%m%d").date()
    except ValueError:
        return None


def _md5(path: Path) -> str:
    h = hashlib.md5()
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def _verified(path: Path, rf: RemoteFile) -> bool:
    if not path.exists():
        return False
    if rf.md5:
        return _md5(path) == rf.md5
    return rf.size is None or path.stat().st_size == rf.size


def download(rf: RemoteFile, dest: Path, *, retries: int = 3, backoff: float = 1.0, timeout: float = 60) -> str:
    """Download one file into ``dest`` (``.part`` then rename); 'cached' when already there and verified."""
    path = dest / rf.name
    if _verified(path, rf):
        return "cached"
    part = dest / (rf.name + ".part")
    for attempt in range(retries + 1):
        data = _get(rf.url, retries=retries, backoff=backoff, timeout=timeout)
        part.write_bytes(data)
        if _verified(part, rf):
            os.replace(part, path)
            return "downloaded"
        if attempt < retries:
            time.sleep(backoff * (2 ** attempt))
    part.unlink(missing_ok=True)
    raise FetchError(f"{rf.name}: checksum does not match GDELT's md5sums after {retries + 1} tries",
                     hint="run the fetch again later; the file may still be changing on GDELT's side")


# ---------------------------------------------------------------------------
# filtering while streaming

def make_filter(version: int, dyad: str | None = None, actors: str | None = None) -> Callable[[str], bool] | None:
    """A predicate on one raw GDELT event line, or None when no filter was asked for."""
    from detente.ingest.base import layouts

    if not dyad and not actors:
        return None
    cols = {c.name: c.position - 1 for c in layouts()["gdelt1" if version == 1 else "gdelt2"]}
    c1, n1, c2, n2 = (cols["Actor1Code"], cols["Actor1CountryCode"], cols["Actor2Code"], cols["Actor2CountryCode"])

    def side(f: list[str], code: int, country: int, spec: str) -> bool:
        return f[country] == spec or f[code].startswith(spec)

    if dyad:
        parts = [p.strip().upper() for p in dyad.split(",") if p.strip()]
        if len(parts) != 2:
            raise InputError(f"a dyad needs two actors, got {dyad!r}", hint="write it as PAK,RUS")
        a, b = parts

        def keep(line: str) -> bool:
            f = line.split("\t")
            if len(f) <= max(c2, n2):
                return False
            return ((side(f, c1, n1, a) and side(f, c2, n2, b)) or (side(f, c1, n1, b) and side(f, c2, n2, a)))
        return keep
    specs = [p.strip().upper() for p in (actors or "").split(",") if p.strip()]

    def keep_any(line: str) -> bool:
        f = line.split("\t")
        if len(f) <= max(c2, n2):
            return False
        return any(side(f, c1, n1, s) or side(f, c2, n2, s) for s in specs)
    return keep_any


def _filter_zip(zpath: Path, out: Path, keep: Callable[[str], bool]) -> int:
    part = out.with_name(out.name + ".part")
    kept = 0
    with zipfile.ZipFile(zpath) as zf, zf.open(zf.namelist()[0]) as src, open(part, "wb") as dst:
        for raw in src:
            line = raw.decode("utf-8", "replace")
            if keep(line):
                dst.write(raw)
                kept += 1
    os.replace(part, out)
    return kept


def fetch_gdelt(start: str | dt.date, end: str | dt.date, *, dest: str | os.PathLike[str], version: int = 1,
                translingual: bool = False, base: str | None = None, dyad: str | None = None,
                actors: str | None = None, retries: int = 3, backoff: float = 1.0, timeout: float = 60,
                on_file: Callable[[int, int, str], None] | None = None) -> list[FetchResult]:
    """Download (and optionally filter) GDELT event files for a date range into ``dest``.

    Returns one result per file: ``downloaded``, ``cached`` (already there and verified)
    or ``filtered`` (only the rows matching ``dyad``/``actors`` kept, in ``NAME.TAG.CSV``).
    """
    folder = Path(dest)
    folder.mkdir(parents=True, exist_ok=True)
    keep = make_filter(version, dyad, actors)
    tag = None
    if keep is not None:
        tag = ("dyad-" + dyad.replace(",", "-") if dyad else "actors-" + (actors or "").replace(",", "-")).upper()
    files = list_files(start, end, version=version, translingual=translingual, base=base, retries=retries,
                       backoff=backoff, timeout=timeout)
    results: list[FetchResult] = []
    for i, rf in enumerate(files):
        if on_file:
            on_file(i, len(files), rf.name)
        if tag:
            out = folder / rf.name.replace(".CSV.zip", f".{tag}.CSV")
            if out.exists():
                results.append(FetchResult(rf.name, out, "cached"))
                continue
            download(rf, folder, retries=retries, backoff=backoff, timeout=timeout)
            kept = _filter_zip(folder / rf.name, out, keep)  # type: ignore[arg-type]
            (folder / rf.name).unlink(missing_ok=True)
            results.append(FetchResult(rf.name, out, "filtered", kept))
        else:
            status = download(rf, folder, retries=retries, backoff=backoff, timeout=timeout)
            results.append(FetchResult(rf.name, folder / rf.name, status))
    if on_file:
        on_file(len(files), len(files), "")
    return results
