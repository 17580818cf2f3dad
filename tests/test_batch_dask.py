"""The same batch on a Dask cluster (LocalCluster on loopback) gives byte-identical outputs."""
from __future__ import annotations

import pytest

from scorer.batch import BatchOptions, discover, run_batch

from .test_batch import ARTICLE, PAGE, SEED_003, read_text

distributed = pytest.importorskip("distributed", reason="the dask extra is not installed")


def tree(root):
    return {p.relative_to(root): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_dask_cluster_matches_local_run(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    for i in range(6):
        (source / f"a{i}.txt").write_text(ARTICLE + f"\n\nThe vote is set for March {i + 1}.", encoding="utf-8")
    (source / "seed.txt").write_text(read_text(SEED_003), encoding="utf-8")
    (source / "page.html").write_text(PAGE, encoding="utf-8")
    (source / "empty.txt").write_bytes(b"")

    local = run_batch(discover([str(source)]), BatchOptions(out=tmp_path / "local", jobs=1, formats=("html",)))
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        remote = run_batch(discover([str(source)]),
                           BatchOptions(out=tmp_path / "dask", backend="dask", scheduler=cluster.scheduler_address,
                                        chunk_size=2, formats=("html",)))
    assert [r.id for r in remote.rows] == [r.id for r in local.rows]
    assert len(remote.failed) == 1
    assert tree(tmp_path / "dask") == tree(tmp_path / "local")
