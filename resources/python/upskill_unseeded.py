"""Makes the worker's global random generators unpredictable, for the judge's tests of
"randomness comes from a generator of its own, made from the seed".

While it is on:
- the `random` module's global generator ignores every seed given to it (whatever name or
  alias `random.seed` was reached by: its function's code is swapped, so a reference taken
  at import time changes too) and is reseeded from the OS now;
- NumPy's global generator (the one `np.random.seed`, `np.random.permutation`, ... share)
  gets a bit generator whose seeding draws from the OS instead of the seed given.
Generators the code makes itself (`random.Random(seed)`, `np.random.default_rng(seed)`,
`np.random.RandomState(seed)`) are untouched. So code that draws from a global generator,
seeded or not, restored afterwards or not, gives a different result for the same seed;
code with its own generator gives the same. The judge compares the results: no name in
the learner's source is looked at.

Runs in the worker (it is imported there by the judge's request, never by learner code).
"""

import random as _random_module
import sys

_SAVED = {}


class _SeedSwap(_random_module.Random):
    def seed(self, a=None, version=2):
        # Runs with random's globals and the original function's closure (its __code__ is
        # swapped in): `_inst` is random's global generator, the original is kept beside it.
        __class__  # noqa: B018 - keeps the __class__ cell, so the closures match
        if self is _inst:  # noqa: F821 - a global of the random module at run time
            a, version = None, 2
        return _upskill_original_seed(self, a, version)  # noqa: F821 - likewise


def _unseeded_numpy_bit_generator(np):
    import secrets

    class Unseeded(np.random.MT19937):
        def _legacy_seeding(self, seed):
            super()._legacy_seeding(secrets.randbits(32))

    return Unseeded()


def on():
    if _SAVED:
        return
    seed_fn = _random_module.Random.seed
    globals_ = seed_fn.__globals__
    import types

    globals_["_upskill_original_seed"] = types.FunctionType(seed_fn.__code__, globals_, seed_fn.__name__, seed_fn.__defaults__, seed_fn.__closure__)
    _SAVED["random"] = (seed_fn, seed_fn.__code__, _random_module._inst.getstate())
    try:
        seed_fn.__code__ = _SeedSwap.seed.__code__
    except ValueError:
        pass  # a Python whose Random.seed has other free variables: its seeding stays as it is
    _random_module._inst.seed()
    try:
        import numpy as np  # the learner's code may import it later, inside a function
    except ImportError:
        np = None
    if np is not None and hasattr(np.random, "set_bit_generator"):
        _SAVED["numpy"] = np.random.get_bit_generator()
        np.random.set_bit_generator(_unseeded_numpy_bit_generator(np))


def off():
    if not _SAVED:
        return
    seed_fn, code, state = _SAVED.pop("random")
    seed_fn.__code__ = code
    seed_fn.__globals__.pop("_upskill_original_seed", None)
    _random_module._inst.setstate(state)
    original = _SAVED.pop("numpy", None)
    if original is not None:
        sys.modules["numpy"].random.set_bit_generator(original)
