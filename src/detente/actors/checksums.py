"""Keep ``data/VERSION`` honest: the version must change whenever a data file does.

``data/CHECKSUMS`` records the sha256 of every data file under the version they
belong to. A test compares it with the files. After editing data, bump
``data/VERSION`` and run::

    python -m detente.actors.checksums

which refuses to record changed files under an unchanged version.
"""

from __future__ import annotations

import hashlib
import sys

from detente.actors._tables import data_path

CHECKSUMS = "CHECKSUMS"
SKIP = {CHECKSUMS, "VERSION", "__init__.py"}


def current() -> dict[str, str]:
    folder = data_path("")
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file() and p.name not in SKIP and not p.name.startswith(".")
    }


def recorded() -> tuple[str, dict[str, str]]:
    path = data_path(CHECKSUMS)
    if not path.exists():
        return "", {}
    version, sums = "", {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# version "):
            version = line.split()[-1]
        elif line.strip() and not line.startswith("#"):
            digest, name = line.split(None, 1)
            sums[name.strip()] = digest
    return version, sums


def version() -> str:
    return data_path("VERSION").read_text(encoding="utf-8").strip()


def main() -> int:
    old_version, old = recorded()
    new = current()
    v = version()
    if new == old and v == old_version:
        print(f"{CHECKSUMS} is up to date ({v})")
        return 0
    if new != old and v == old_version:
        changed = sorted(k for k in set(new) | set(old) if new.get(k) != old.get(k))
        print(f"data changed ({', '.join(changed)}) but VERSION is still {v}: bump data/VERSION first",
              file=sys.stderr)
        return 1
    lines = [f"# version {v}", "# sha256 of each data file; regenerate with python -m detente.actors.checksums"]
    lines += [f"{digest}  {name}" for name, digest in new.items()]
    data_path(CHECKSUMS).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"recorded {len(new)} files under {v}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
