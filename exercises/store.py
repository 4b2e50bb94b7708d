"""Built variants kept on disk, so that a class's variants are built once across commands.

``calctutor assign``, ``grade`` (with ``--resume`` and ``--regrade``) and ``bank
validate`` build the same variants: the store keeps what grading needs (answer, its
typed form, kind, grading options, and the generated mistakes once they were worked
out), keyed by (exercise id, exercise version, parameters). The version is a digest of
the exercise's definition and of the code that builds variants, so an edited exercise
or a new calctutor never reuses an old answer. A variant read back builds its prompt and
worked solution only when someone reads them.

Values are pickled; reading accepts only SymPy, calctutor and plain Python data
classes (a restricted unpickler), so a tampered file cannot run code. Any problem
with the file (locked, corrupt, unreadable value) is a miss: the variant is built.
``builds()`` counts variants built in this process; the file counts them for all
processes that used it.
"""
from __future__ import annotations

import hashlib
import io
import json
import os
import pickle
import sqlite3
import threading
from functools import lru_cache
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS variants (exercise TEXT NOT NULL, version TEXT NOT NULL, params TEXT NOT NULL,
    part TEXT NOT NULL, data BLOB NOT NULL, PRIMARY KEY (exercise, version, params, part));
CREATE TABLE IF NOT EXISTS counts (name TEXT PRIMARY KEY, n INTEGER NOT NULL);
"""
_BUILDS = [0]
_LOCK = threading.Lock()


def builds() -> int:
    """Variants built (the engine solving an exercise) in this process so far."""
    return _BUILDS[0]


def default_path() -> Path | None:
    """``CALCTUTOR_CACHE`` (``off``: no store), else variants.sqlite in ``CALCTUTOR_HOME`` or the user's cache folder."""
    from tutor.settings import current

    named, home = current().cache, current().home
    if named is not None:
        return None if named.lower() in ("off", "0", "no") else Path(named).expanduser()
    if home:
        return Path(home).expanduser() / "variants.sqlite"
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("calctutor", appauthor=False)) / "variants.sqlite"


class Store:
    """One SQLite file of built variants; a connection per process (safe after fork)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self._db: sqlite3.Connection | None = None
        self._pid = -1
        self.broken = False

    def _conn(self) -> sqlite3.Connection | None:
        if self.broken:
            return None
        if self._db is None or self._pid != os.getpid():
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(str(self.path), timeout=10, check_same_thread=False)
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("PRAGMA synchronous=NORMAL")
                db.executescript(SCHEMA)
            except (sqlite3.Error, OSError):
                self.broken = True  # a cache that cannot be used is no cache, never an error
                return None
            self._db, self._pid = db, os.getpid()
        return self._db

    def get(self, exercise: str, version: str, params: str, part: str) -> Any:
        """The stored value, or None (absent, unreadable, or refused by the restricted reader)."""
        with _LOCK:
            db = self._conn()
            if db is None:
                return None
            try:
                row = db.execute("SELECT data FROM variants WHERE exercise=? AND version=? AND params=? AND part=?",
                                 (exercise, version, params, part)).fetchone()
            except sqlite3.Error:
                return None
        if row is None:
            return None
        try:
            return _Reader(io.BytesIO(row[0])).load()
        except Exception:  # noqa: BLE001 - a value that cannot be read back is a miss
            return None

    def put(self, exercise: str, version: str, params: str, part: str, value: Any) -> None:
        data = dumps(value)
        if data is None:
            return
        with _LOCK:
            db = self._conn()
            if db is None:
                return
            try:
                # a part grows (the mistakes, as far as they were read): never replaced by a shorter one
                db.execute("INSERT INTO variants VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET data = excluded.data "
                           "WHERE length(excluded.data) >= length(variants.data)",
                           (exercise, version, params, part, data))
                db.commit()
            except sqlite3.Error:
                pass

    def count_build(self) -> None:
        with _LOCK:
            db = self._conn()
            if db is None:
                return
            try:
                db.execute("INSERT INTO counts VALUES ('builds', 1) ON CONFLICT(name) DO UPDATE SET n = n + 1")
                db.commit()
            except sqlite3.Error:
                pass

    def builds(self) -> int:
        """Variants built by every process that used this file."""
        db = self._conn()
        if db is None:
            return 0
        row = db.execute("SELECT n FROM counts WHERE name='builds'").fetchone()
        return int(row[0]) if row else 0


_ACTIVE: list[Store | None] = [None]


def use(path: str | Path | None) -> Store | None:
    """Keep variants in ``path`` from now on in this process (None: keep none). Returns the store."""
    _ACTIVE[0] = Store(path) if path is not None else None
    return _ACTIVE[0]


def active() -> Store | None:
    return _ACTIVE[0]


def counted_build() -> None:
    """Called once per variant built."""
    _BUILDS[0] += 1
    store = _ACTIVE[0]
    if store is not None:
        store.count_build()


# ------------------------------------------------------------------ versions

_CODE: list[str] = []


def code_digest() -> str:
    """A digest of the code that builds variants (bank, engine, reader, renderers) and SymPy's version."""
    if not _CODE:
        import sympy

        root = Path(__file__).resolve().parents[1]
        h = hashlib.sha256(sympy.__version__.encode())
        for folder in ("exercises", "tutor"):
            for path in sorted((root / folder).rglob("*")):
                if path.suffix in (".py", ".lark", ".toml") and path.is_file():
                    h.update(str(path.relative_to(root)).encode())
                    h.update(path.read_bytes())
        _CODE.append(h.hexdigest()[:16])
    return _CODE[0]


@lru_cache(maxsize=4096)
def exercise_version(exercise: Any) -> str:
    """A digest of the exercise's definition and the code: equal versions build equal variants."""
    fields = {k: getattr(exercise, k) for k in ("id", "topic", "title", "prompt", "task", "kind", "hints",
                                                  "options", "inputs", "space", "answer")}
    text = json.dumps(fields, sort_keys=True, default=repr, ensure_ascii=False)
    return hashlib.sha256(f"{code_digest()}\x1e{text}".encode("utf-8")).hexdigest()[:16]


def params_key(chosen: dict[str, Any]) -> str:
    """The chosen parameters as stable text (Fractions and expression text)."""
    return "\x1f".join(f"{k}={v}" for k, v in sorted(chosen.items()))


# ------------------------------------------------------------ safe reading


def dumps(value: Any) -> bytes | None:
    """``value`` pickled so that it reads back identical (sums and products as they were written),
    or None when it cannot be (not picklable, or it would come back different)."""
    buffer = io.BytesIO()
    try:
        _Writer(buffer, protocol=pickle.HIGHEST_PROTOCOL).dump(value)
        data = buffer.getvalue()
        back = _Reader(io.BytesIO(data)).load()
        same = bool(back == value)
    except Exception:  # noqa: BLE001 - an exotic engine object: simply not kept
        return None
    return data if same else None


class _Writer(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        import sympy as sp

        if isinstance(obj, (sp.Add, sp.Mul, sp.Pow)):  # kept unevaluated: (5 - √5)/20 stays one fraction
            return _unevaluated, (type(obj), obj.args)
        return NotImplemented


def _unevaluated(cls: Any, args: tuple) -> Any:
    real = _unwrap(cls)
    _refuse_text(real, args, {})
    return real(*args, evaluate=False)


_PLAIN = {"tuple", "list", "dict", "set", "frozenset", "complex", "float", "int", "str", "bool", "bytes",
          "slice", "NoneType"}
_PACKAGES = ("sympy.", "mpmath.", "exercises.", "tutor.engine.", "tutor.reading.dne")


class _Reader(pickle._Unpickler):  # the Python unpickler: its object-creating steps can be checked
    """An unpickler that builds SymPy, calctutor and plain data objects, and refuses anything else.

    Only classes are found (never a function such as ``sympify``), and a SymPy class other than
    a symbol or a function name is never handed text, since some constructors would read it.
    """

    dispatch: dict[int, Any] = dict(pickle._Unpickler.dispatch)  # type: ignore[attr-defined,misc]
    stack: list[Any]  # the Python unpickler's own attributes, which typeshed does not declare
    append: Any

    def load_newobj(self) -> None:
        args = self.stack.pop()
        cls = self.stack.pop()
        self.append(_newobj(cls, *args))

    def load_newobj_ex(self) -> None:
        kwargs = self.stack.pop()
        args = self.stack.pop()
        cls = self.stack.pop()
        self.append(_newobj_ex(cls, args, kwargs))

    dispatch[pickle.NEWOBJ[0]] = load_newobj
    dispatch[pickle.NEWOBJ_EX[0]] = load_newobj_ex

    def find_class(self, module: str, name: str) -> Any:
        if module == "builtins" and name in _PLAIN:
            return super().find_class(module, name)
        if module == "copyreg" and name in _SAFE_COPYREG:
            return _SAFE_COPYREG[name]
        if (module, name) == (__name__, "_unevaluated"):
            return _unevaluated
        if (module, name) == ("fractions", "Fraction"):
            return super().find_class(module, name)
        if module.startswith(_PACKAGES) or module == "sympy":
            found = super().find_class(module, name)
            if isinstance(found, type):
                return _Checked(found)
        raise pickle.UnpicklingError(f"refusing {module}.{name} in the variant store")


class _Checked:
    """A class as the reader hands it out: called only with arguments that hold no text it would read."""

    __slots__ = ("cls",)

    def __init__(self, cls: type):
        self.cls = cls

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        _refuse_text(self.cls, args, kwargs)
        return self.cls(*args, **kwargs)


def _unwrap(cls: Any) -> type:
    if not isinstance(cls, _Checked):
        raise pickle.UnpicklingError("refusing an object that is not an allowed class")
    return cls.cls


def _names_allowed(cls: type) -> bool:
    """Classes whose text arguments are names, never read as mathematics."""
    import sympy as sp
    from sympy.core.function import UndefinedFunction

    return not cls.__module__.startswith("sympy") or issubclass(cls, (sp.Symbol, sp.Float)) \
        or cls is UndefinedFunction or isinstance(cls, UndefinedFunction)


def _refuse_text(cls: type, args: tuple, kwargs: dict) -> None:
    if _names_allowed(cls):
        return
    stack = [*args, *kwargs.values()]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            raise pickle.UnpicklingError(f"refusing text given to {cls.__name__} in the variant store")
        if isinstance(item, (tuple, list, set, frozenset)):
            stack.extend(item)
        elif isinstance(item, dict):
            stack.extend(item.values())


def _newobj(cls: Any, *args: Any) -> Any:
    real = _unwrap(cls)
    _refuse_text(real, args, {})
    return real.__new__(real, *args)


def _newobj_ex(cls: Any, args: tuple, kwargs: dict) -> Any:
    real = _unwrap(cls)
    _refuse_text(real, args, kwargs)
    return real.__new__(real, *args, **kwargs)


def _reconstructor(cls: Any, base: Any, state: Any) -> Any:
    real = _unwrap(cls)
    if base is not object:
        raise pickle.UnpicklingError("refusing a reconstruction from a base other than object")
    return object.__new__(real)


_SAFE_COPYREG = {"__newobj__": _newobj, "__newobj_ex__": _newobj_ex, "_reconstructor": _reconstructor}
