"""Small hand-made temporal graphs for the forecasting tests (no shared data)."""

from __future__ import annotations

import numpy as np
import pytest

from detente.forecast.data import TKG


def synthetic_tkg(seed: int = 0, E: int = 40, R: int = 5, T: int = 60, noise: int = 6) -> TKG:
    """Periodic triples plus random noise; time-ordered split 70/15/15 by step."""
    rng = np.random.default_rng(seed)
    pattern = [(int(rng.integers(E)), int(rng.integers(R)), int(rng.integers(E)), int(rng.integers(1, 5)))
               for _ in range(25)]
    quads = []
    for t in range(T):
        for s, r, o, p in pattern:
            if s != o and t % p == 0:
                quads.append((s, r, o, t))
        for _ in range(noise):
            s, o = rng.integers(E, size=2)
            if s != o:
                quads.append((int(s), int(rng.integers(R)), int(o), t))
    q = np.unique(np.array(quads, dtype=np.int64), axis=0)
    q = q[np.argsort(q[:, 3], kind="stable")]
    t1, t2 = int(T * 0.7), int(T * 0.85)
    return TKG(q[q[:, 3] < t1], q[(q[:, 3] >= t1) & (q[:, 3] < t2)], q[q[:, 3] >= t2], E, R, 1, name="synthetic")


@pytest.fixture(scope="session")
def tkg() -> TKG:
    return synthetic_tkg()


@pytest.fixture()
def write_dataset():
    return _write_dataset


@pytest.fixture()
def make_tkg():
    return synthetic_tkg


def _write_dataset(folder, data: TKG, granularity: int = 24) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for split in ("train", "valid", "test"):
        arr = getattr(data, split)
        with open(folder / f"{split}.txt", "w") as fh:
            fh.writelines(f"{s}\t{r}\t{o}\t{t * granularity}\t0\n" for s, r, o, t in arr)
    (folder / "entity2id.txt").write_text("".join(f"E{i}\t{i}\n" for i in range(data.num_entities)))
    (folder / "relation2id.txt").write_text("".join(f"R{i}\t{i}\n" for i in range(data.num_relations)))
