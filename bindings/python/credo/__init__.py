"""Credo from Python: compile rulesets and decide learners' eligibility through libcredo (ctypes).

    import credo
    rs = credo.Ruleset.load("rulesets/microcred-l9/main.credo")
    decision = rs.evaluate(learner_dict, as_of="2026-11-28")
    rs.is_eligible(learner_dict, "MTU:CERT-DA")

A Ruleset is immutable and may be used by many threads at once. Failures raise CredoError.
libcredo is found through the CREDO_LIBRARY environment variable (a path to the library), else
where CMake installed it relative to this package, else ctypes.util.find_library("credo").
"""

import ctypes
import ctypes.util
import datetime
import enum
import json
import os
import sys
import threading
import weakref

__all__ = ["CredoError", "Ruleset", "Status", "library_version", "__version__"]

__version__ = "0.1.0"

# The library's SONAME major version this package is written against.
_ABI_MAJOR = 0


class Status(enum.IntEnum):
    """libcredo's status codes (credo.h)."""

    OK = 0
    ERR_INVALID_ARGUMENT = 1
    ERR_IO = 2
    ERR_RULES = 3
    ERR_LEARNER = 4
    ERR_OPTIONS = 5
    ERR_UNKNOWN_AWARD = 6
    ERR_BUDGET = 7
    ERR_NO_MEMORY = 8
    ERR_INTERNAL = 9


class CredoError(Exception):
    """A failure reported by libcredo.

    code: a Status; message: what went wrong (for rule errors, every diagnostic rendered);
    line, column: position of the first rule error (0 when none); file: the rule file concerned
    ("" when none); pointer: the rejected learner field as a JSON pointer ("" when none).
    """

    def __init__(self, code, message, line=0, column=0, file="", pointer=""):
        super().__init__(message)
        try:
            self.code = Status(code)
        except ValueError:
            self.code = code
        self.message = message
        self.line = line
        self.column = column
        self.file = file
        self.pointer = pointer

    def __str__(self):
        return self.message


class _Ruleset(ctypes.Structure):
    pass


class _Error(ctypes.Structure):
    pass


_RulesetP = ctypes.POINTER(_Ruleset)
_ErrorP = ctypes.POINTER(_Error)

_lib = None
_lib_lock = threading.Lock()


def _library_names():
    if sys.platform == "darwin":
        return ["libcredo.%d.dylib" % _ABI_MAJOR, "libcredo.dylib"]
    if sys.platform == "win32":
        return ["credo.dll", "libcredo.dll"]
    return ["libcredo.so.%d" % _ABI_MAJOR, "libcredo.so"]


def _candidates():
    explicit = os.environ.get("CREDO_LIBRARY")
    if explicit:
        return [explicit]
    here = os.path.dirname(os.path.abspath(__file__))
    folders = [here]
    try:
        from . import _location  # written by CMake when the package is installed

        folders.append(os.path.normpath(os.path.join(here, _location.LIBRARY_DIR)))
    except ImportError:
        pass
    found = [os.path.join(f, n) for f in folders for n in _library_names() if os.path.exists(os.path.join(f, n))]
    by_name = ctypes.util.find_library("credo")
    if by_name:
        found.append(by_name)
    return found


def _declare(lib):
    signatures = {
        "credo_version": (ctypes.c_char_p, []),
        "credo_ruleset_compile": (
            ctypes.c_int,
            [ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(_RulesetP), ctypes.POINTER(_ErrorP)],
        ),
        "credo_ruleset_load": (ctypes.c_int, [ctypes.c_char_p, ctypes.POINTER(_RulesetP), ctypes.POINTER(_ErrorP)]),
        "credo_ruleset_free": (None, [_RulesetP]),
        "credo_ruleset_name": (ctypes.c_char_p, [_RulesetP]),
        "credo_ruleset_version": (ctypes.c_char_p, [_RulesetP]),
        "credo_ruleset_digest": (ctypes.c_char_p, [_RulesetP]),
        "credo_ruleset_award_count": (ctypes.c_size_t, [_RulesetP]),
        "credo_ruleset_award_id": (ctypes.c_char_p, [_RulesetP, ctypes.c_size_t]),
        # The decision comes back as a plain pointer so that it can be handed to credo_string_free.
        "credo_evaluate": (
            ctypes.c_int,
            [_RulesetP, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(ctypes.c_void_p),
             ctypes.POINTER(_ErrorP)],
        ),
        "credo_is_eligible": (
            ctypes.c_int,
            [_RulesetP, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int),
             ctypes.POINTER(_ErrorP)],
        ),
        "credo_pathway": (
            ctypes.c_int,
            [_RulesetP, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p, ctypes.c_char_p,
             ctypes.POINTER(ctypes.c_void_p), ctypes.POINTER(_ErrorP)],
        ),
        "credo_string_free": (None, [ctypes.c_void_p]),
        "credo_error_code": (ctypes.c_int, [_ErrorP]),
        "credo_error_message": (ctypes.c_char_p, [_ErrorP]),
        "credo_error_line": (ctypes.c_int, [_ErrorP]),
        "credo_error_column": (ctypes.c_int, [_ErrorP]),
        "credo_error_file": (ctypes.c_char_p, [_ErrorP]),
        "credo_error_pointer": (ctypes.c_char_p, [_ErrorP]),
        "credo_error_free": (None, [_ErrorP]),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


def _library():
    """libcredo, loaded and declared on first use."""
    global _lib
    with _lib_lock:
        if _lib is not None:
            return _lib
        tried = []
        for candidate in _candidates():
            try:
                lib = ctypes.CDLL(candidate)
            except OSError as e:
                tried.append("%s (%s)" % (candidate, e))
                continue
            _declare(lib)
            version = lib.credo_version().decode()
            if int(version.split(".")[0]) != _ABI_MAJOR:
                raise ImportError("%s is libcredo %s; this package needs major version %d"
                                  % (candidate, version, _ABI_MAJOR))
            _lib = lib
            return lib
        raise ImportError("libcredo not found; set CREDO_LIBRARY to its path"
                          + ("" if not tried else " (tried: " + "; ".join(tried) + ")"))


def library_version():
    """The loaded libcredo's version, e.g. "0.1.0"."""
    return _library().credo_version().decode()


def _raise(lib, code, err):
    """Turns a failed call's status and error object into a CredoError (freeing the object)."""
    if not err:
        raise CredoError(code, "libcredo failed with %s (no details)" % _name(code))
    try:
        error = CredoError(
            lib.credo_error_code(err),
            lib.credo_error_message(err).decode("utf-8", "replace"),
            lib.credo_error_line(err),
            lib.credo_error_column(err),
            lib.credo_error_file(err).decode("utf-8", "replace"),
            lib.credo_error_pointer(err).decode("utf-8", "replace"),
        )
    finally:
        lib.credo_error_free(err)
    raise error


def _name(code):
    try:
        return Status(code).name
    except ValueError:
        return str(code)


def _utf8(text):
    """Bytes for libcredo: bytes as given, str as UTF-8 (lone surrogates kept, for libcredo to reject)."""
    if isinstance(text, (bytes, bytearray)):
        return bytes(text)
    return str(text).encode("utf-8", "surrogatepass")


def _options(as_of, budget, pathway_budget):
    """The options JSON object shared by evaluate and pathway."""
    options = {}
    if isinstance(as_of, datetime.datetime):
        as_of = as_of.date()
    if as_of is not None:
        options["as_of"] = as_of.isoformat() if isinstance(as_of, datetime.date) else as_of
    if budget is not None:
        options["budget"] = budget
    if pathway_budget is not None:
        options["pathway_budget"] = pathway_budget
    return options


def _record(learner):
    """A learner record as JSON bytes: a dict (or list) is serialised; str and bytes are passed as they are."""
    if isinstance(learner, (str, bytes, bytearray)):
        return _utf8(learner)
    return json.dumps(learner, ensure_ascii=False).encode("utf-8", "surrogatepass")


class Ruleset:
    """A compiled, immutable ruleset. Make one with Ruleset.load or Ruleset.compile.

    Its memory is released by close(), by leaving a `with` block, or when it is garbage collected.
    """

    def __init__(self, handle, lib):
        self._lib = lib
        self._handle = handle
        self._finalizer = weakref.finalize(self, lib.credo_ruleset_free, handle)

    @classmethod
    def load(cls, path):
        """Loads and compiles the rule file at `path` (with its includes)."""
        lib = _library()
        out = _RulesetP()
        err = _ErrorP()
        code = lib.credo_ruleset_load(_utf8(os.fspath(path)), ctypes.byref(out), ctypes.byref(err))
        if code != Status.OK:
            _raise(lib, code, err)
        return cls(out, lib)

    @classmethod
    def compile(cls, text, name="<string>"):
        """Compiles rule text held in memory; `name` names it in errors and anchors includes."""
        lib = _library()
        source = _utf8(text)
        out = _RulesetP()
        err = _ErrorP()
        encoded_name = None if name is None else _utf8(name)
        code = lib.credo_ruleset_compile(source, len(source), encoded_name, ctypes.byref(out), ctypes.byref(err))
        if code != Status.OK:
            _raise(lib, code, err)
        return cls(out, lib)

    def close(self):
        """Frees the ruleset now; using it afterwards raises ValueError. Closing twice is harmless."""
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()
        return False

    def _live(self):
        if not self._finalizer.alive:
            raise ValueError("the ruleset is closed")
        return self._handle

    def _text(self, function):
        return function(self._live()).decode("utf-8")

    @property
    def name(self):
        """The name from the `ruleset` line ("" when none)."""
        return self._text(self._lib.credo_ruleset_name)

    @property
    def version(self):
        """The version from the `ruleset` line ("" when none)."""
        return self._text(self._lib.credo_ruleset_version)

    @property
    def digest(self):
        """"sha256:" and the hex digest of the rule files."""
        return self._text(self._lib.credo_ruleset_digest)

    @property
    def award_ids(self):
        """The award ids, in declaration order (a tuple)."""
        handle = self._live()
        count = self._lib.credo_ruleset_award_count(handle)
        return tuple(self._lib.credo_ruleset_award_id(handle, i).decode("utf-8") for i in range(count))

    def evaluate(self, learner, as_of=None, awards=None, explain=True, budget=None, pathways=False,
                 pathway_budget=None):
        """Decides the learner's eligibility; returns the decision as a dict.

        learner: a dict (the learner record), or its JSON as str or bytes. as_of: "YYYY-MM-DD" or a
        datetime.date (default: the record's as_of, else today). awards: ids to decide (default:
        every award). explain: include explanations. budget: search steps per award. pathways:
        fill each award's "pathway" when the learner is not eligible. pathway_budget: pathway
        search steps per award (past it the best plan found, with "optimal" false).
        """
        options = _options(as_of, budget, pathway_budget)
        if awards is not None:
            options["awards"] = [awards] if isinstance(awards, str) else list(awards)
        if not explain:
            options["explain"] = False
        if pathways:
            options["pathways"] = True
        return self._call_json(self._lib.credo_evaluate, _record(learner), (), options)

    def pathway(self, learner, award, as_of=None, budget=None, pathway_budget=None):
        """The learner's pathway to `award` as a dict: {"award", "eligible", "held", "pathway"}, the
        pathway being None when the learner is eligible (see credo_pathway in credo.h)."""
        options = _options(as_of, budget, pathway_budget)
        return self._call_json(self._lib.credo_pathway, _record(learner), (_utf8(award),), options)

    def _call_json(self, function, record, extra, options):
        """Calls function(ruleset, record, len, *extra, options, &out, &err), a C function that
        returns a JSON string to free; returns it parsed."""
        encoded = json.dumps(options).encode("utf-8") if options else None
        lib = self._lib
        out = ctypes.c_void_p()
        err = _ErrorP()
        code = function(self._live(), record, len(record), *extra, encoded, ctypes.byref(out), ctypes.byref(err))
        if code != Status.OK:
            _raise(lib, code, err)
        try:
            text = ctypes.string_at(out.value)
        finally:
            lib.credo_string_free(out)
        return json.loads(text.decode("utf-8"))

    def is_eligible(self, learner, award):
        """True when the learner is eligible for (or holds) the award `award`."""
        record = _record(learner)
        lib = self._lib
        eligible = ctypes.c_int(0)
        err = _ErrorP()
        code = lib.credo_is_eligible(self._live(), record, len(record), _utf8(award), ctypes.byref(eligible),
                                     ctypes.byref(err))
        if code != Status.OK:
            _raise(lib, code, err)
        return eligible.value != 0

    def __repr__(self):
        if not self._finalizer.alive:
            return "<credo.Ruleset (closed)>"
        return "<credo.Ruleset %r version %r %s>" % (self.name, self.version, self.digest)
