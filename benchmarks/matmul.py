"""The matrix product of a tok2vec layer: thinc's blis against numpy's BLAS, one thread.

    python benchmarks/matmul.py

A ``MaxoutWindowEncoder`` layer of the packaged model (width 96, window 2, 3 maxout pieces)
multiplies (tokens x 480) by (480 x 288) for every batch. Prints milliseconds and GFLOPS for
a short paragraph's worth of tokens and for a batch, through ``NumpyOps`` (blis) and through
``vn_dolisa_nlp.blas.NumpyMatmulOps`` (numpy, one thread), which the pipeline uses.
"""

from __future__ import annotations

import time

import numpy as np
from thinc.api import NumpyOps
from threadpoolctl import threadpool_limits

from vn_dolisa_nlp.blas import NumpyMatmulOps


def main() -> None:
    threadpool_limits(1)
    rng = np.random.default_rng(0)
    weights = rng.random((288, 480), dtype=np.float32)
    print("| tokens | ops | ms per product | GFLOPS |\n|---:|---|---:|---:|")
    for tokens in (50, 3000):
        x = rng.random((tokens, 480), dtype=np.float32)
        for name, ops in (("NumpyOps (blis)", NumpyOps()), ("NumpyMatmulOps (numpy)", NumpyMatmulOps())):
            ops.gemm(x, weights, trans2=True)
            runs = max(20, 20000 // tokens)
            start = time.perf_counter()
            for _ in range(runs):
                ops.gemm(x, weights, trans2=True)
            seconds = (time.perf_counter() - start) / runs
            print(f"| {tokens} | {name} | {seconds * 1000:.2f} | {2 * tokens * 480 * 288 / seconds / 1e9:.1f} |")


if __name__ == "__main__":
    main()
