/* credo.h: the C API of Credo (libcredo), for admissions systems and other embedders. */
#ifndef CREDO_H
#define CREDO_H

/*
 * Credo decides, for one learner's credentials, which awards of a compiled ruleset they are
 * eligible for, and explains each decision. This header is the whole C API: if it is not in this
 * header it is not API. It compiles as C99 and as C++.
 *
 * Use
 * ---
 *     credo_ruleset *rs = NULL;
 *     credo_error *err = NULL;
 *     if (credo_ruleset_load("rules/main.credo", &rs, &err) != CREDO_OK) {
 *         fprintf(stderr, "%s", credo_error_message(err));
 *         credo_error_free(err);
 *         return 1;
 *     }
 *     int eligible = 0;
 *     if (credo_is_eligible(rs, json, json_len, "MTU:CERT-DA", &eligible, &err) != CREDO_OK) ...
 *     credo_ruleset_free(rs);
 *
 * Conventions
 * -----------
 * - Every function that can fail returns an int status: CREDO_OK (0) or one of the CREDO_ERR_
 *   codes below. No exception, abort or exit crosses this boundary, and nothing is printed.
 * - Inputs come first, then the out-parameter, then `credo_error **err`. `err` may be NULL when
 *   the caller does not want details. Otherwise `*err` is always written: NULL on success, a new
 *   error object on failure (or NULL if even that could not be allocated; the status is still
 *   right). A previous value of `*err` is overwritten, not freed.
 * - On failure the out-parameter (`*out`, `*decision_json`, `*eligible`) is set to NULL or 0.
 * - Text is UTF-8. Rule text and learner records are passed with an explicit length in bytes
 *   (they need not be NUL-terminated); paths, names, options and award ids are NUL-terminated.
 *   Text that is not valid UTF-8 is rejected with CREDO_ERR_INVALID_ARGUMENT.
 * - Objects are created by one function and destroyed by its pair, named as such:
 *   credo_ruleset_compile / credo_ruleset_load and credo_ruleset_free; strings returned to the
 *   caller and credo_string_free; error objects and credo_error_free. Destroying NULL is a no-op.
 * - Strings returned as `const char *` belong to the object they were read from and stay valid
 *   until that object is freed.
 *
 * Thread safety
 * -------------
 * A compiled ruleset is immutable: any number of threads may call credo_evaluate,
 * credo_is_eligible and the credo_ruleset_ accessors on the same ruleset at the same time,
 * without locking. Each call owns its own scratch space. Freeing a ruleset while another thread
 * still uses it is the caller's error. Error objects and returned strings belong to the caller
 * that received them; they may be passed between threads but not used by two threads at once
 * (reading an error from two threads is fine). The library keeps no global state: there is no
 * initialisation or shutdown call, and nothing is cached between calls.
 */

#include <stddef.h>

#if defined(_WIN32) || defined(__CYGWIN__)
#  if defined(CREDO_BUILDING_LIBRARY)
#    define CREDO_API __declspec(dllexport)
#  else
#    define CREDO_API __declspec(dllimport)
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define CREDO_API __attribute__((visibility("default")))
#else
#  define CREDO_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---- Version ---------------------------------------------------------------------------- */

/** The version of this header (compile time); credo_version() gives the library's (run time). */
#define CREDO_VERSION_MAJOR 0
#define CREDO_VERSION_MINOR 1
#define CREDO_VERSION_PATCH 0
#define CREDO_VERSION_STRING "0.1.0"

/**
 * The library's version, "MAJOR.MINOR.PATCH", as a static string (never freed). Compare it with
 * CREDO_VERSION_STRING to detect a header and library mismatch. Never fails.
 */
CREDO_API const char *credo_version(void);

/* ---- Status codes ----------------------------------------------------------------------- */

/** What every fallible function returns. The values are stable. */
typedef enum credo_status {
    /** Success. */
    CREDO_OK = 0,
    /** A required pointer argument was NULL, an index was out of range, or text was not valid
        UTF-8 (the message names the argument and the byte offset). */
    CREDO_ERR_INVALID_ARGUMENT = 1,
    /** A rule file could not be read (the message says why; credo_error_file names it). */
    CREDO_ERR_IO = 2,
    /** The rules have errors: credo_error_file, credo_error_line and credo_error_column give the
        position of the first error; the message holds every diagnostic (errors and warnings),
        rendered as `file:line:col: error: message`, the source line and a caret. */
    CREDO_ERR_RULES = 3,
    /** The learner record was rejected (not JSON, or a field is missing or wrong):
        credo_error_pointer names the field as a JSON pointer ("/credentials/3/date"; "" when the
        record is not JSON at all) and the message starts with it. */
    CREDO_ERR_LEARNER = 4,
    /** The options JSON was malformed, had an unknown key (the message names it) or a value of
        the wrong kind, or one that does not apply to the call. */
    CREDO_ERR_OPTIONS = 5,
    /** An award id is not in the ruleset (the message suggests the nearest id). */
    CREDO_ERR_UNKNOWN_AWARD = 6,
    /** The search for an exact decision ran past its budget: no decision is given (never a
        guess). Raise the "budget" option or simplify the record. */
    CREDO_ERR_BUDGET = 7,
    /** Memory ran out. */
    CREDO_ERR_NO_MEMORY = 8,
    /** A bug in Credo: an unexpected failure inside the library (the message says what). */
    CREDO_ERR_INTERNAL = 9
} credo_status;

/** The name of a status code ("CREDO_ERR_IO"), or "CREDO_ERR_UNKNOWN_CODE" for a value outside
    the enum; a static string, never freed. */
CREDO_API const char *credo_status_name(int code);

/* ---- Errors ----------------------------------------------------------------------------- */

/** The details of a failure: code, message and, where they apply, position and field. Created
    by the library, owned by the caller, freed with credo_error_free. */
typedef struct credo_error credo_error;

/** The status code the failing call returned; CREDO_OK for NULL. */
CREDO_API int credo_error_code(const credo_error *e);

/** What went wrong, UTF-8, never NULL ("" for NULL). For CREDO_ERR_RULES every diagnostic,
    rendered; otherwise one line without a trailing newline. Valid until credo_error_free(e). */
CREDO_API const char *credo_error_message(const credo_error *e);

/** CREDO_ERR_RULES: the 1-based line of the first error; 0 when it has no position (and for
    every other code, and for NULL). */
CREDO_API int credo_error_line(const credo_error *e);

/** CREDO_ERR_RULES: the 1-based column (in code points) of the first error; 0 otherwise. */
CREDO_API int credo_error_column(const credo_error *e);

/** CREDO_ERR_RULES: the rule file of the first error (as named when loading or compiling);
    CREDO_ERR_IO: the file that could not be read; "" otherwise and for NULL. Valid until
    credo_error_free(e). */
CREDO_API const char *credo_error_file(const credo_error *e);

/** CREDO_ERR_LEARNER: the rejected field as a JSON pointer ("/credentials/3/date"), "" when the
    record is not JSON; "" for every other code and for NULL. Valid until credo_error_free(e). */
CREDO_API const char *credo_error_pointer(const credo_error *e);

/** Frees an error object and the strings read from it. NULL is a no-op. */
CREDO_API void credo_error_free(credo_error *e);

/* ---- Rulesets --------------------------------------------------------------------------- */

/** A compiled, checked, immutable ruleset. Created by credo_ruleset_compile or
    credo_ruleset_load, freed with credo_ruleset_free; safe to share between threads. */
typedef struct credo_ruleset credo_ruleset;

/**
 * Compiles rule text held in memory: `len` bytes at `source` (UTF-8, need not be
 * NUL-terminated; the bytes are copied, the caller keeps ownership). `name` names the text in
 * diagnostics and `include` lines resolve relative to its directory; NULL means "<string>".
 * On success `*out` is a new ruleset the caller frees with credo_ruleset_free; warnings are not
 * errors. On failure `*out` is NULL.
 * Errors: CREDO_ERR_INVALID_ARGUMENT (source or out NULL, text or name not UTF-8),
 * CREDO_ERR_RULES (syntax or semantic errors, an included file that cannot be read or an
 * include cycle), CREDO_ERR_NO_MEMORY, CREDO_ERR_INTERNAL.
 */
CREDO_API int credo_ruleset_compile(const char *source, size_t len, const char *name, credo_ruleset **out,
                                    credo_error **err);

/**
 * Loads the rule file at `path` (NUL-terminated, UTF-8) with the files it includes, and compiles
 * it. On success `*out` is a new ruleset the caller frees with credo_ruleset_free; on failure
 * `*out` is NULL. The files are read during the call only.
 * Errors: CREDO_ERR_INVALID_ARGUMENT (path or out NULL, path not UTF-8), CREDO_ERR_IO (the
 * file itself cannot be read), CREDO_ERR_RULES (as for credo_ruleset_compile; an unreadable
 * included file is a rules error at its include line), CREDO_ERR_NO_MEMORY,
 * CREDO_ERR_INTERNAL.
 */
CREDO_API int credo_ruleset_load(const char *path, credo_ruleset **out, credo_error **err);

/** Frees a ruleset and the strings read from it. NULL is a no-op. No call may be using it. */
CREDO_API void credo_ruleset_free(credo_ruleset *rs);

/** The name from the ruleset's `ruleset "NAME"` line ("" when it has none); NULL when `rs` is
    NULL. Owned by the ruleset, valid until credo_ruleset_free(rs). */
CREDO_API const char *credo_ruleset_name(const credo_ruleset *rs);

/** The ruleset's `version "V"` ("" when it has none); NULL when `rs` is NULL. Owned by the
    ruleset. */
CREDO_API const char *credo_ruleset_version(const credo_ruleset *rs);

/** The digest of the rule files' bytes, "sha256:" and 64 lower-case hex digits, which every
    decision cites; NULL when `rs` is NULL. Owned by the ruleset. */
CREDO_API const char *credo_ruleset_digest(const credo_ruleset *rs);

/** How many awards the ruleset declares; 0 when `rs` is NULL. */
CREDO_API size_t credo_ruleset_award_count(const credo_ruleset *rs);

/** The id of award `i` (0 <= i < credo_ruleset_award_count(rs)), in declaration order; NULL
    when `rs` is NULL or `i` is out of range. Owned by the ruleset. */
CREDO_API const char *credo_ruleset_award_id(const credo_ruleset *rs, size_t i);

/* ---- Decisions -------------------------------------------------------------------------- */

/**
 * Decides a learner's eligibility for the ruleset's awards and returns the decision as JSON.
 *
 * `learner_json`: `len` bytes of a learner record (UTF-8 JSON, the format of LANGUAGE.md; need
 * not be NUL-terminated). `options_json`: NULL or "" for the defaults, else a NUL-terminated
 * JSON object with any of:
 *   "as_of":    "YYYY-MM-DD", the date decisions are made on; wins over the record's "as_of",
 *               which wins over today's date (UTC);
 *   "awards":   a non-empty array of award ids to decide (default: every award);
 *   "budget":   a positive integer, search steps per award before CREDO_ERR_BUDGET
 *               (default 2000000);
 *   "explain":  a boolean (default true): false leaves out the explanations (allocation, unmet
 *               requirements, excluded credentials) and is faster;
 *   "pathways": a boolean (default false): true fills each award's "pathway" when the learner
 *               is not eligible: the cheapest catalogue units to add, in plan order, with
 *               milestones (LANGUAGE.md), or {"possible": false, "reason": ...};
 *   "pathway_budget": a positive integer, pathway search steps per award (default 20000);
 *               past it the best plan found is given with "optimal": false (never an error).
 * Any other key is CREDO_ERR_OPTIONS.
 *
 * On success `*decision_json` is a new NUL-terminated UTF-8 string: one line of JSON with the
 * field names of `credo eval` (learner, as_of, ruleset, awards with their eligibility and
 * explanations), followed by a newline. The caller frees it with credo_string_free. On failure
 * `*decision_json` is NULL.
 * Errors: CREDO_ERR_INVALID_ARGUMENT (rs, learner_json or decision_json NULL; text not UTF-8),
 * CREDO_ERR_LEARNER, CREDO_ERR_OPTIONS, CREDO_ERR_UNKNOWN_AWARD, CREDO_ERR_BUDGET,
 * CREDO_ERR_NO_MEMORY, CREDO_ERR_INTERNAL.
 */
CREDO_API int credo_evaluate(const credo_ruleset *rs, const char *learner_json, size_t len,
                             const char *options_json, char **decision_json, credo_error **err);

/**
 * Decides one award for a learner: `*eligible` is 1 when the learner is eligible for the award
 * `award_id` (NUL-terminated) or already holds it, 0 when not. Decided as of the record's
 * "as_of", else today (UTC), with the default budget and no explanation; the same answer as the
 * award's "eligible" field from credo_evaluate. On failure `*eligible` is 0.
 * Errors: CREDO_ERR_INVALID_ARGUMENT (rs, learner_json, award_id or eligible NULL; text not
 * UTF-8), CREDO_ERR_LEARNER, CREDO_ERR_UNKNOWN_AWARD, CREDO_ERR_BUDGET, CREDO_ERR_NO_MEMORY,
 * CREDO_ERR_INTERNAL.
 */
CREDO_API int credo_is_eligible(const credo_ruleset *rs, const char *learner_json, size_t len, const char *award_id,
                                int *eligible, credo_error **err);

/**
 * Plans a learner's pathway to one award: the cheapest set of catalogue units to add (fewest
 * credits, then units, then RPL credits, then ids), closed under prerequisites, in plan order,
 * with milestones. `options_json` as for credo_evaluate ("as_of", "budget", "pathway_budget";
 * "awards" is CREDO_ERR_OPTIONS here, "explain" and "pathways" have no effect).
 *
 * On success `*pathway_json` is a new NUL-terminated string, one line of JSON and a newline:
 *   {"award": ID, "eligible": BOOL, "held": BOOL, "pathway": PATHWAY}
 * where PATHWAY is null when the learner is eligible (or holds the award), else
 * {"units": [...], "credits": N, "optimal": BOOL, "milestones": [{"after": UNIT, "eligible":
 * [AWARD...]}...]} or {"possible": false, "reason": TEXT}. Free it with credo_string_free. On
 * failure `*pathway_json` is NULL.
 * Errors: CREDO_ERR_INVALID_ARGUMENT (rs, learner_json, award_id or pathway_json NULL; text not
 * UTF-8), CREDO_ERR_LEARNER, CREDO_ERR_OPTIONS, CREDO_ERR_UNKNOWN_AWARD, CREDO_ERR_BUDGET (an
 * allocation search inside the plan ran past "budget"), CREDO_ERR_NO_MEMORY, CREDO_ERR_INTERNAL.
 */
CREDO_API int credo_pathway(const credo_ruleset *rs, const char *learner_json, size_t len, const char *award_id,
                            const char *options_json, char **pathway_json, credo_error **err);

/** Frees a string the library returned to the caller (credo_evaluate's decision,
    credo_pathway's plan). NULL is a
    no-op. Never pass it memory from elsewhere, nor a `const char *` read from an object. */
CREDO_API void credo_string_free(char *s);

#ifdef __cplusplus
}
#endif

#endif /* CREDO_H */
