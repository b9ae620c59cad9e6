"""Matrix products of the trained components through numpy's BLAS.

thinc's ``NumpyOps`` multiplies matrices with blis. On the project's 2-core AMD EPYC
machine blis runs at about a third of the speed of the OpenBLAS that numpy ships with
(22-25 against 62-66 GFLOPS for a product of a tok2vec layer's size, one thread:
``benchmarks/matmul.py``), and the products are most of the tok2vec's time. The callback
``vn_dolisa.numpy_matmul.v1``, which spaCy runs once the pipeline is built
(``[nlp.after_pipeline_creation]`` in ``configs/pipeline.cfg``), gives every thinc layer of
the pipeline :class:`NumpyMatmulOps`: the same layers and weights, with numpy's matrix
product on one thread. It changes nothing on other ops (GPU, Apple).
``benchmarks/pipeline.py`` measures the pipeline with and without it in one run.
"""

from __future__ import annotations

from typing import Callable

from spacy.language import Language
from spacy.util import registry
from thinc.api import Model, NumpyOps, get_current_ops


class NumpyMatmulOps(NumpyOps):
    """``NumpyOps`` whose matrix product is numpy's, on one thread as blis's is: OpenBLAS's own
    threads cost more than they give on the small products of a ``Doc`` or a batch, and fight
    with ``n_process`` and archive workers for the cores."""

    def __init__(self) -> None:
        super().__init__(use_blis=False)
        self._blas = None  # made on first use, in the process that multiplies

    def __reduce__(self):
        return (NumpyMatmulOps, ())

    def gemm(self, x, y, *, out=None, trans1=False, trans2=False):
        if self._blas is None:
            from threadpoolctl import ThreadpoolController

            self._blas = ThreadpoolController().select(user_api="blas")
        with self._blas.limit(limits=1):
            return super().gemm(x, y, out=out, trans1=trans1, trans2=trans2)


def use_numpy_matmul(nlp: Language) -> Language:
    """Give the thinc layers of ``nlp``'s components numpy's matrix product, on plain CPU ops."""
    if type(get_current_ops()) is not NumpyOps:
        return nlp
    ops = NumpyMatmulOps()
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if isinstance(model, Model):
            for layer in model.walk():
                layer.ops = ops
    return nlp


@registry.callbacks("vn_dolisa.numpy_matmul.v1")
def make_numpy_matmul() -> Callable[[Language], Language]:
    """``[nlp.after_pipeline_creation]`` callback: :func:`use_numpy_matmul`."""
    return use_numpy_matmul
