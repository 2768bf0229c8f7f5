/* Tests of the C API (credo.h), written in C: every function, every status code, exact messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <credo/credo.h>

static int failures = 0;
static int checks = 0;

#define CHECK(cond)                                                                     \
    do {                                                                                \
        ++checks;                                                                       \
        if (!(cond)) {                                                                  \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);    \
            ++failures;                                                                 \
        }                                                                               \
    } while (0)

#define CHECK_INT(actual, expected) check_int(__FILE__, __LINE__, #actual, (long)(actual), (long)(expected))
#define CHECK_STR(actual, expected) check_str(__FILE__, __LINE__, #actual, (actual), (expected))
#define CHECK_CONTAINS(text, part) check_contains(__FILE__, __LINE__, #text, (text), (part))

static void check_int(const char *file, int line, const char *what, long actual, long expected) {
    ++checks;
    if (actual != expected) {
        fprintf(stderr, "%s:%d: %s is %ld, expected %ld\n", file, line, what, actual, expected);
        ++failures;
    }
}

static void check_str(const char *file, int line, const char *what, const char *actual, const char *expected) {
    ++checks;
    if (!actual || strcmp(actual, expected) != 0) {
        fprintf(stderr, "%s:%d: %s is\n  \"%s\"\nexpected\n  \"%s\"\n", file, line, what, actual ? actual : "(NULL)",
                expected);
        ++failures;
    }
}

static void check_contains(const char *file, int line, const char *what, const char *text, const char *part) {
    ++checks;
    if (!text || !strstr(text, part)) {
        fprintf(stderr, "%s:%d: %s (\"%s\") does not contain \"%s\"\n", file, line, what, text ? text : "(NULL)", part);
        ++failures;
    }
}

/* A small clean ruleset: T:A needs T:1; T:B needs T:1 and T:2. Line 4 holds a multi-byte title. */
static const char kRules[] =
    "ruleset \"Test rules\" version \"1.0\"\n"
    "institution T \"Test\"\n"
    "unit T:1 \"One\" credits 5 level 9\n"
    "unit T:2 \"Tw\xc3\xb6\" credits 5 level 9\n"
    "award T:A \"A\" class minor level 9 credits 5 {\n"
    "  require \"m\" all T:1\n"
    "}\n"
    "award T:B \"B\" class minor level 9 credits 10 {\n"
    "  require \"m\" all T:1, T:2\n"
    "}\n";

/* A learner with T:1 only: eligible for T:A, not for T:B. */
static const char kLearner[] =
    "{\"learner\":\"L1\",\"as_of\":\"2026-01-01\",\"credentials\":"
    "[{\"id\":\"c1\",\"unit\":\"T:1\",\"date\":\"2025-06-01\",\"grade\":70}]}";

static const char kDecision[] =
    "{\"learner\":\"L1\",\"as_of\":\"2026-01-01\",\"ruleset\":{\"name\":\"Test rules\",\"version\":\"1.0\","
    "\"effective\":null,\"digest\":\"DIGEST\"},\"awards\":[{\"award\":\"T:A\",\"eligible\":true,\"held\":false,"
    "\"entry_eligible\":null,\"credits_counted\":5,\"credits_required\":5,\"rpl_credits\":0,\"allocation\":"
    "[{\"requirement\":\"m\",\"line\":6,\"credentials\":[\"c1\"],\"credits\":5}],\"unmet\":[],\"excluded\":[],"
    "\"pathway\":null},{\"award\":\"T:B\",\"eligible\":false,\"held\":false,\"entry_eligible\":null,"
    "\"credits_counted\":5,\"credits_required\":10,\"rpl_credits\":0,\"allocation\":[{\"requirement\":\"m\","
    "\"line\":9,\"credentials\":[\"c1\"],\"credits\":5}],\"unmet\":[{\"requirement\":\"m\",\"line\":9,"
    "\"missing\":\"all T:2\"}],\"excluded\":[],\"pathway\":null}],\"unrecognised\":[]}\n";

/* Something that is not NULL, to see out-parameters reset on failure. */
static char sentinel_byte;
#define SENTINEL_RULESET ((credo_ruleset *)&sentinel_byte)
#define SENTINEL_ERROR ((credo_error *)&sentinel_byte)
#define SENTINEL_STRING (&sentinel_byte)

static credo_ruleset *compile_rules(void) {
    credo_ruleset *rs = NULL;
    credo_error *err = NULL;
    int rc = credo_ruleset_compile(kRules, strlen(kRules), "t.credo", &rs, &err);
    if (rc != CREDO_OK) {
        fprintf(stderr, "the test ruleset does not compile:\n%s", credo_error_message(err));
        credo_error_free(err);
        exit(1);
    }
    return rs;
}

/* Reads a whole file (test data); exits when it cannot. */
static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    long size;
    char *text;
    if (!f || fseek(f, 0, SEEK_END) != 0 || (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    text = malloc((size_t)size + 1);
    if (!text || fread(text, 1, (size_t)size, f) != (size_t)size) {
        fprintf(stderr, "cannot read %s\n", path);
        exit(1);
    }
    text[size] = '\0';
    fclose(f);
    *len = (size_t)size;
    return text;
}

static void test_version(void) {
    char built[64];
    snprintf(built, sizeof built, "%d.%d.%d", CREDO_VERSION_MAJOR, CREDO_VERSION_MINOR, CREDO_VERSION_PATCH);
    CHECK_STR(credo_version(), CREDO_VERSION_STRING);
    CHECK_STR(CREDO_VERSION_STRING, built);
}

static void test_status_names(void) {
    CHECK_INT(CREDO_OK, 0);
    CHECK_STR(credo_status_name(CREDO_OK), "CREDO_OK");
    CHECK_STR(credo_status_name(CREDO_ERR_INVALID_ARGUMENT), "CREDO_ERR_INVALID_ARGUMENT");
    CHECK_STR(credo_status_name(CREDO_ERR_IO), "CREDO_ERR_IO");
    CHECK_STR(credo_status_name(CREDO_ERR_RULES), "CREDO_ERR_RULES");
    CHECK_STR(credo_status_name(CREDO_ERR_LEARNER), "CREDO_ERR_LEARNER");
    CHECK_STR(credo_status_name(CREDO_ERR_OPTIONS), "CREDO_ERR_OPTIONS");
    CHECK_STR(credo_status_name(CREDO_ERR_UNKNOWN_AWARD), "CREDO_ERR_UNKNOWN_AWARD");
    CHECK_STR(credo_status_name(CREDO_ERR_BUDGET), "CREDO_ERR_BUDGET");
    CHECK_STR(credo_status_name(CREDO_ERR_NO_MEMORY), "CREDO_ERR_NO_MEMORY");
    CHECK_STR(credo_status_name(CREDO_ERR_INTERNAL), "CREDO_ERR_INTERNAL");
    CHECK_STR(credo_status_name(10), "CREDO_ERR_UNKNOWN_CODE");
    CHECK_STR(credo_status_name(-1), "CREDO_ERR_UNKNOWN_CODE");
}

static void test_compile_and_info(void) {
    credo_ruleset *rs = SENTINEL_RULESET;
    credo_error *err = SENTINEL_ERROR;
    const char *digest;
    size_t i;
    CHECK_INT(credo_ruleset_compile(kRules, strlen(kRules), "t.credo", &rs, &err), CREDO_OK);
    CHECK(err == NULL);
    CHECK(rs != NULL && rs != SENTINEL_RULESET);
    CHECK_STR(credo_ruleset_name(rs), "Test rules");
    CHECK_STR(credo_ruleset_version(rs), "1.0");
    digest = credo_ruleset_digest(rs);
    CHECK_INT(strlen(digest), 71);
    CHECK(strncmp(digest, "sha256:", 7) == 0);
    for (i = 7; i < strlen(digest); ++i) CHECK(strchr("0123456789abcdef", digest[i]) != NULL);
    CHECK_INT(credo_ruleset_award_count(rs), 2);
    CHECK_STR(credo_ruleset_award_id(rs, 0), "T:A");
    CHECK_STR(credo_ruleset_award_id(rs, 1), "T:B");
    CHECK(credo_ruleset_award_id(rs, 2) == NULL);
    CHECK(credo_ruleset_award_id(rs, (size_t)-1) == NULL);
    credo_ruleset_free(rs);

    /* The length is honoured: the text need not be NUL-terminated, and bytes past len are not read. */
    {
        size_t n = strlen(kRules);
        char *copy = malloc(n + 8);
        memcpy(copy, kRules, n);
        memcpy(copy + n, "garbage!", 8);
        rs = NULL;
        CHECK_INT(credo_ruleset_compile(copy, n, "t.credo", &rs, NULL), CREDO_OK);
        CHECK_INT(credo_ruleset_award_count(rs), 2);
        credo_ruleset_free(rs);
        free(copy);
    }
}

static void test_load(const char *dir) {
    char path[1024];
    credo_ruleset *rs = NULL, *again = NULL;
    credo_error *err = SENTINEL_ERROR;
    snprintf(path, sizeof path, "%s/rulesets/microcred-l9/main.credo", dir);
    CHECK_INT(credo_ruleset_load(path, &rs, &err), CREDO_OK);
    CHECK(err == NULL);
    CHECK_STR(credo_ruleset_name(rs), "MTU Data Analytics micro-credential stack (NFQ 9)");
    CHECK_STR(credo_ruleset_version(rs), "2026.1");
    CHECK_INT(credo_ruleset_award_count(rs), 4);
    CHECK_STR(credo_ruleset_award_id(rs, 0), "MTU:MC-ML");
    CHECK_STR(credo_ruleset_award_id(rs, 1), "MTU:CERT-DA");
    CHECK_STR(credo_ruleset_award_id(rs, 2), "MTU:PGDIP-DA");
    CHECK_STR(credo_ruleset_award_id(rs, 3), "MTU:MSC-DA");
    CHECK_INT(credo_ruleset_load(path, &again, NULL), CREDO_OK);
    CHECK_STR(credo_ruleset_digest(again), credo_ruleset_digest(rs));
    credo_ruleset_free(again);
    credo_ruleset_free(rs);
}

static void test_syntax_error(void) {
    /* Line 4: "credits five"; column 24 counts code points ("Twö" has a two-byte letter). */
    static const char text[] =
        "ruleset \"Test rules\" version \"1.0\"\n"
        "institution T \"Test\"\n"
        "unit T:1 \"One\" credits 5 level 9\n"
        "unit T:2 \"Tw\xc3\xb6\" credits five level 9\n"
        "award T:A \"A\" class minor level 9 credits 5 {\n"
        "  require \"m\" all T:9\n"
        "}\n";
    credo_ruleset *rs = SENTINEL_RULESET;
    credo_error *err = NULL;
    CHECK_INT(credo_ruleset_compile(text, strlen(text), "bad.credo", &rs, &err), CREDO_ERR_RULES);
    CHECK(rs == NULL);
    CHECK_INT(credo_error_code(err), CREDO_ERR_RULES);
    CHECK_INT(credo_error_line(err), 4);
    CHECK_INT(credo_error_column(err), 24);
    CHECK_STR(credo_error_file(err), "bad.credo");
    CHECK_STR(credo_error_pointer(err), "");
    /* Every diagnostic, rendered: the syntax error and the semantic error after it. */
    CHECK_STR(credo_error_message(err),
              "bad.credo:4:24: error: expected number, got 'five'\n"
              "unit T:2 \"Tw\xc3\xb6\" credits five level 9\n"
              "                       ^\n"
              "bad.credo:6:19: error: unknown unit T:9; did you mean T:1?\n"
              "  require \"m\" all T:9\n"
              "                  ^\n");
    credo_error_free(err);

    /* A NULL name is "<string>"; err may be NULL. */
    rs = SENTINEL_RULESET;
    err = NULL;
    CHECK_INT(credo_ruleset_compile("ruleset", 7, NULL, &rs, &err), CREDO_ERR_RULES);
    CHECK(rs == NULL);
    CHECK_STR(credo_error_file(err), "<string>");
    CHECK_INT(credo_error_line(err), 1);
    credo_error_free(err);
    rs = SENTINEL_RULESET;
    CHECK_INT(credo_ruleset_compile("ruleset", 7, NULL, &rs, NULL), CREDO_ERR_RULES);
    CHECK(rs == NULL);
}

static void test_io_errors(void) {
    credo_ruleset *rs = SENTINEL_RULESET;
    credo_error *err = NULL;
    static const char include_missing[] = "ruleset \"R\" version \"1\"\ninclude \"missing-part.credo\"\n";
    CHECK_INT(credo_ruleset_load("/nonexistent/credo/rules.credo", &rs, &err), CREDO_ERR_IO);
    CHECK(rs == NULL);
    CHECK_INT(credo_error_code(err), CREDO_ERR_IO);
    CHECK_STR(credo_error_message(err), "cannot read '/nonexistent/credo/rules.credo': no such file");
    CHECK_STR(credo_error_file(err), "/nonexistent/credo/rules.credo");
    CHECK_INT(credo_error_line(err), 0);
    CHECK_INT(credo_error_column(err), 0);
    credo_error_free(err);

    /* A missing included file is an error of the including file, at its include line. */
    rs = SENTINEL_RULESET;
    CHECK_INT(credo_ruleset_compile(include_missing, strlen(include_missing), "/nonexistent/credo/main.credo", &rs,
                                    &err),
              CREDO_ERR_RULES);
    CHECK(rs == NULL);
    CHECK_INT(credo_error_line(err), 2);
    CHECK_INT(credo_error_column(err), 9);
    CHECK_STR(credo_error_file(err), "/nonexistent/credo/main.credo");
    CHECK_STR(credo_error_message(err),
              "/nonexistent/credo/main.credo:2:9: error: cannot read included file "
              "'/nonexistent/credo/missing-part.credo': no such file\n"
              "include \"missing-part.credo\"\n"
              "        ^\n");
    credo_error_free(err);
}

static void test_evaluate(const credo_ruleset *rs) {
    char *decision = SENTINEL_STRING;
    credo_error *err = SENTINEL_ERROR;
    char expected[4096];
    const char *digest = credo_ruleset_digest(rs);
    const char *mark = strstr(kDecision, "DIGEST");
    /* The expected decision with this ruleset's digest. */
    snprintf(expected, sizeof expected, "%.*s%s%s", (int)(mark - kDecision), kDecision, digest, mark + 6);

    CHECK_INT(credo_evaluate(rs, kLearner, strlen(kLearner), NULL, &decision, &err), CREDO_OK);
    CHECK(err == NULL);
    CHECK_STR(decision, expected);
    credo_string_free(decision);

    decision = NULL;
    CHECK_INT(credo_evaluate(rs, kLearner, strlen(kLearner), "", &decision, NULL), CREDO_OK);
    CHECK_STR(decision, expected);
    credo_string_free(decision);

    decision = NULL;
    CHECK_INT(credo_evaluate(rs, kLearner, strlen(kLearner), "{\"pathways\": false, \"explain\": true}", &decision,
                             NULL),
              CREDO_OK);
    CHECK_STR(decision, expected);
    credo_string_free(decision);

    /* as_of wins over the record's; awards restricts the decision to those awards. */
    decision = NULL;
    CHECK_INT(credo_evaluate(rs, kLearner, strlen(kLearner), "{\"as_of\":\"2030-02-01\",\"awards\":[\"T:B\"]}",
                             &decision, &err),
              CREDO_OK);
    CHECK(strncmp(decision, "{\"learner\":\"L1\",\"as_of\":\"2030-02-01\",", 37) == 0);
    CHECK_CONTAINS(decision, "\"awards\":[{\"award\":\"T:B\",\"eligible\":false,");
    CHECK(strstr(decision, "\"award\":\"T:A\"") == NULL);
    credo_string_free(decision);

    /* explain false leaves out the explanations. */
    decision = NULL;
    CHECK_INT(credo_evaluate(rs, kLearner, strlen(kLearner), "{\"explain\":false,\"budget\":100000}", &decision, &err),
              CREDO_OK);
    CHECK_CONTAINS(decision, "{\"award\":\"T:A\",\"eligible\":true,");
    CHECK_CONTAINS(decision, "\"unmet\":[],\"excluded\":[]");
    CHECK(strstr(decision, "\"missing\"") == NULL);
    credo_string_free(decision);
}

static void expect_invalid(int rc, credo_error **err, const char *message);

/* Pathways: through credo_evaluate's "pathways" option and credo_pathway. */
static void test_pathway(const credo_ruleset *rs) {
    char *out = SENTINEL_STRING;
    credo_error *err = SENTINEL_ERROR;
    size_t n = strlen(kLearner);

    CHECK_INT(credo_evaluate(rs, kLearner, n, "{\"pathways\":true,\"awards\":[\"T:B\"]}", &out, &err), CREDO_OK);
    CHECK(err == NULL);
    CHECK_CONTAINS(out, "\"pathway\":{\"units\":[\"T:2\"],\"credits\":5,\"optimal\":true,"
                        "\"milestones\":[{\"after\":\"T:2\",\"eligible\":[\"T:B\"]}]}}]");
    credo_string_free(out);

    out = SENTINEL_STRING;
    CHECK_INT(credo_pathway(rs, kLearner, n, "T:B", NULL, &out, &err), CREDO_OK);
    CHECK_STR(out, "{\"award\":\"T:B\",\"eligible\":false,\"held\":false,\"pathway\":{\"units\":[\"T:2\"],"
                   "\"credits\":5,\"optimal\":true,\"milestones\":[{\"after\":\"T:2\",\"eligible\":[\"T:B\"]}]}}\n");
    credo_string_free(out);

    /* Eligible: no pathway. A pathway budget of one step still gives a plan, not an error. */
    out = NULL;
    CHECK_INT(credo_pathway(rs, kLearner, n, "T:A", "{\"pathway_budget\":1}", &out, &err), CREDO_OK);
    CHECK_STR(out, "{\"award\":\"T:A\",\"eligible\":true,\"held\":false,\"pathway\":null}\n");
    credo_string_free(out);

    out = SENTINEL_STRING;
    CHECK_INT(credo_pathway(rs, kLearner, n, "T:Q", NULL, &out, &err), CREDO_ERR_UNKNOWN_AWARD);
    CHECK(out == NULL);
    CHECK_STR(credo_error_message(err), "unknown award T:Q; did you mean T:A?");
    credo_error_free(err);
    err = NULL;
    CHECK_INT(credo_pathway(rs, kLearner, n, "T:B", "{\"awards\":[\"T:A\"]}", &out, &err), CREDO_ERR_OPTIONS);
    CHECK_STR(credo_error_message(err), "options_json: \"awards\" does not apply to credo_pathway (it plans for award_id)");
    credo_error_free(err);
    err = NULL;
    CHECK_INT(credo_pathway(rs, "{", 1, "T:B", NULL, &out, &err), CREDO_ERR_LEARNER);
    credo_error_free(err);

    err = NULL;
    expect_invalid(credo_pathway(NULL, kLearner, n, "T:B", NULL, &out, &err), &err, "credo_pathway: rs is NULL");
    expect_invalid(credo_pathway(rs, NULL, n, "T:B", NULL, &out, &err), &err, "credo_pathway: learner_json is NULL");
    expect_invalid(credo_pathway(rs, kLearner, n, NULL, NULL, &out, &err), &err, "credo_pathway: award_id is NULL");
    expect_invalid(credo_pathway(rs, kLearner, n, "T:B", NULL, NULL, &err), &err,
                   "credo_pathway: pathway_json is NULL");
    expect_invalid(credo_pathway(rs, kLearner, n, "T:\xc0\xaf", NULL, &out, &err), &err,
                   "credo_pathway: award_id is not valid UTF-8 (byte 2)");
    CHECK(out == NULL);
}

static void test_is_eligible(const credo_ruleset *rs) {
    int eligible = -1;
    credo_error *err = SENTINEL_ERROR;
    CHECK_INT(credo_is_eligible(rs, kLearner, strlen(kLearner), "T:A", &eligible, &err), CREDO_OK);
    CHECK(err == NULL);
    CHECK_INT(eligible, 1);
    eligible = -1;
    CHECK_INT(credo_is_eligible(rs, kLearner, strlen(kLearner), "T:B", &eligible, NULL), CREDO_OK);
    CHECK_INT(eligible, 0);

    eligible = -1;
    CHECK_INT(credo_is_eligible(rs, kLearner, strlen(kLearner), "T:C", &eligible, &err), CREDO_ERR_UNKNOWN_AWARD);
    CHECK_INT(eligible, 0);
    CHECK_INT(credo_error_code(err), CREDO_ERR_UNKNOWN_AWARD);
    CHECK_STR(credo_error_message(err), "unknown award T:C; did you mean T:A?");
    CHECK_STR(credo_error_pointer(err), "");
    CHECK_INT(credo_error_line(err), 0);
    credo_error_free(err);
    CHECK_INT(credo_is_eligible(rs, kLearner, strlen(kLearner), "T:C", &eligible, NULL), CREDO_ERR_UNKNOWN_AWARD);
}

/* Every learner of microcred-l9: credo_is_eligible agrees with credo_evaluate's "eligible" field. */
static void test_is_eligible_matches_evaluate(const char *dir) {
    static const char *const learners[] = {"cert-earned", "dissertation-rpl", "future-dated", "low-grade-transfer",
                                           "msc-complete", "no-level8-entry", "rpl-at-cap", "rpl-over-cap",
                                           "sample", "substitute", "too-old"};
    static const char *const expected_sample[] = {"MTU:MC-ML", "0", "MTU:CERT-DA", "1", "MTU:PGDIP-DA", "0",
                                                  "MTU:MSC-DA", "0"};
    char path[1024];
    credo_ruleset *rs = NULL;
    size_t l, a;
    snprintf(path, sizeof path, "%s/rulesets/microcred-l9/main.credo", dir);
    if (credo_ruleset_load(path, &rs, NULL) != CREDO_OK) {
        CHECK(!"microcred-l9 loads");
        return;
    }
    for (l = 0; l < sizeof learners / sizeof learners[0]; ++l) {
        size_t len = 0;
        char *record, *decision = NULL;
        snprintf(path, sizeof path, "%s/rulesets/microcred-l9/learners/%s.json", dir, learners[l]);
        record = read_file(path, &len);
        CHECK_INT(credo_evaluate(rs, record, len, "{\"explain\":false}", &decision, NULL), CREDO_OK);
        for (a = 0; decision && a < credo_ruleset_award_count(rs); ++a) {
            char needle[256];
            int eligible = -1;
            const char *id = credo_ruleset_award_id(rs, a);
            CHECK_INT(credo_is_eligible(rs, record, len, id, &eligible, NULL), CREDO_OK);
            snprintf(needle, sizeof needle, "{\"award\":\"%s\",\"eligible\":%s,", id, eligible ? "true" : "false");
            CHECK_CONTAINS(decision, needle);
            if (strcmp(learners[l], "sample") == 0) {
                CHECK_STR(expected_sample[2 * a], id);
                CHECK_INT(eligible, atoi(expected_sample[2 * a + 1]));
            }
        }
        credo_string_free(decision);
        free(record);
    }
    credo_ruleset_free(rs);
}

static void test_learner_errors(const credo_ruleset *rs) {
    static const char not_json[] = "{\"learner\": ";
    static const char bad_date[] =
        "{\"learner\":\"L1\",\"credentials\":[{\"id\":\"c1\",\"unit\":\"T:1\",\"date\":\"2025-06-01\"},"
        "{\"id\":\"c2\",\"unit\":\"T:2\",\"date\":\"2026-02-30\"}]}";
    static const char bad_grade[] =
        "{\"learner\":\"L1\",\"credentials\":"
        "[{\"id\":\"c1\",\"unit\":\"T:1\",\"date\":\"2025-06-01\",\"grade\":\"A\"}]}";
    char *decision = SENTINEL_STRING;
    int eligible = -1;
    credo_error *err = NULL;

    CHECK_INT(credo_evaluate(rs, bad_date, strlen(bad_date), NULL, &decision, &err), CREDO_ERR_LEARNER);
    CHECK(decision == NULL);
    CHECK_INT(credo_error_code(err), CREDO_ERR_LEARNER);
    CHECK_STR(credo_error_pointer(err), "/credentials/1/date");
    CHECK_STR(credo_error_message(err), "/credentials/1/date: not a real date (2026-02-30): 2026-02 has 28 days");
    CHECK_INT(credo_error_line(err), 0);
    CHECK_STR(credo_error_file(err), "");
    credo_error_free(err);

    CHECK_INT(credo_is_eligible(rs, bad_grade, strlen(bad_grade), "T:A", &eligible, &err), CREDO_ERR_LEARNER);
    CHECK_INT(eligible, 0);
    CHECK_STR(credo_error_pointer(err), "/credentials/0/grade");
    CHECK_STR(credo_error_message(err), "/credentials/0/grade: expected a number, got a string");
    credo_error_free(err);

    CHECK_INT(credo_evaluate(rs, not_json, strlen(not_json), NULL, &decision, &err), CREDO_ERR_LEARNER);
    CHECK_STR(credo_error_pointer(err), "");
    CHECK_STR(credo_error_message(err),
              "/: not valid JSON: parse error at line 1, column 13: syntax error while parsing value - unexpected "
              "end of input; expected '[', '{', or a literal");
    credo_error_free(err);

    /* The length is honoured: a record cut short is not JSON. */
    CHECK_INT(credo_is_eligible(rs, kLearner, 10, "T:A", &eligible, &err), CREDO_ERR_LEARNER);
    CHECK_STR(credo_error_pointer(err), "");
    credo_error_free(err);
    CHECK_INT(credo_is_eligible(rs, kLearner, 0, "T:A", &eligible, NULL), CREDO_ERR_LEARNER);
}

/* One options JSON that must fail with `code` and exactly `message`. */
static void expect_options_error(const credo_ruleset *rs, const char *options, int code, const char *message) {
    char *decision = SENTINEL_STRING;
    credo_error *err = NULL;
    CHECK_INT(credo_evaluate(rs, kLearner, strlen(kLearner), options, &decision, &err), code);
    CHECK(decision == NULL);
    CHECK_INT(credo_error_code(err), code);
    CHECK_STR(credo_error_message(err), message);
    credo_error_free(err);
}

static void test_options_errors(const credo_ruleset *rs) {
    expect_options_error(rs, "{\"pathway_budget\":0}", CREDO_ERR_OPTIONS,
                         "options_json: \"pathway_budget\" must be a positive integer, got 0");
    expect_options_error(rs, "{\"as-of\":\"2026-01-01\"}", CREDO_ERR_OPTIONS,
                         "options_json: unknown option \"as-of\"; did you mean \"as_of\"?");
    expect_options_error(rs, "{\"as_of\":\"2026-01-01\",\"colour\":\"red\"}", CREDO_ERR_OPTIONS,
                         "options_json: unknown option \"colour\"");
    expect_options_error(rs, "{", CREDO_ERR_OPTIONS,
                         "options_json: not valid JSON: parse error at line 1, column 2: syntax error while parsing "
                         "object key - unexpected end of input; expected string literal");
    expect_options_error(rs, "[1]", CREDO_ERR_OPTIONS, "options_json: expected a JSON object, got array");
    expect_options_error(rs, "{\"as_of\":\"2026-02-30\"}", CREDO_ERR_OPTIONS,
                         "options_json: \"as_of\" is not a real date: 2026-02 has 28 days");
    expect_options_error(rs, "{\"as_of\":\"soon\"}", CREDO_ERR_OPTIONS,
                         "options_json: \"as_of\" is not a real date: a date is written YYYY-MM-DD");
    expect_options_error(rs, "{\"as_of\":20260101}", CREDO_ERR_OPTIONS,
                         "options_json: \"as_of\" must be a date string YYYY-MM-DD, got number");
    expect_options_error(rs, "{\"awards\":[]}", CREDO_ERR_OPTIONS,
                         "options_json: \"awards\" is empty; leave it out to decide every award");
    expect_options_error(rs, "{\"awards\":\"T:A\"}", CREDO_ERR_OPTIONS,
                         "options_json: \"awards\" must be an array of award ids, got string");
    expect_options_error(rs, "{\"awards\":[\"T:A\",7]}", CREDO_ERR_OPTIONS,
                         "options_json: \"awards\"[1] must be an award id string, got number");
    expect_options_error(rs, "{\"awards\":[\"T:A\",\"T:Q\"]}", CREDO_ERR_UNKNOWN_AWARD,
                         "unknown award T:Q; did you mean T:A?");
    expect_options_error(rs, "{\"budget\":0}", CREDO_ERR_OPTIONS,
                         "options_json: \"budget\" must be a positive integer, got 0");
    expect_options_error(rs, "{\"budget\":-3}", CREDO_ERR_OPTIONS,
                         "options_json: \"budget\" must be a positive integer, got -3");
    expect_options_error(rs, "{\"budget\":1.5}", CREDO_ERR_OPTIONS,
                         "options_json: \"budget\" must be a positive integer, got 1.5");
    expect_options_error(rs, "{\"budget\":\"9\"}", CREDO_ERR_OPTIONS,
                         "options_json: \"budget\" must be a positive integer, got \"9\"");
    expect_options_error(rs, "{\"explain\":\"yes\"}", CREDO_ERR_OPTIONS,
                         "options_json: \"explain\" must be true or false, got string");
    expect_options_error(rs, "{\"pathways\":1}", CREDO_ERR_OPTIONS,
                         "options_json: \"pathways\" must be true or false, got number");
}

static void test_budget(const char *dir) {
    char path[1024];
    credo_ruleset *rs = NULL;
    char *record, *decision = SENTINEL_STRING;
    credo_error *err = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/rulesets/microcred-l9/main.credo", dir);
    if (credo_ruleset_load(path, &rs, NULL) != CREDO_OK) {
        CHECK(!"microcred-l9 loads");
        return;
    }
    snprintf(path, sizeof path, "%s/rulesets/microcred-l9/learners/sample.json", dir);
    record = read_file(path, &len);
    CHECK_INT(credo_evaluate(rs, record, len, "{\"budget\":1,\"awards\":[\"MTU:CERT-DA\"]}", &decision, &err),
              CREDO_ERR_BUDGET);
    CHECK(decision == NULL);
    CHECK_INT(credo_error_code(err), CREDO_ERR_BUDGET);
    CHECK_STR(credo_error_message(err),
              "award MTU:CERT-DA: the allocation search did not finish within its budget of 1 steps; no decision is "
              "given (raise the budget)");
    credo_error_free(err);
    free(record);
    credo_ruleset_free(rs);
}

/* A NULL pointer or text that is not UTF-8 gives CREDO_ERR_INVALID_ARGUMENT, naming the argument. */
static void expect_invalid(int rc, credo_error **err, const char *message) {
    CHECK_INT(rc, CREDO_ERR_INVALID_ARGUMENT);
    CHECK_INT(credo_error_code(*err), CREDO_ERR_INVALID_ARGUMENT);
    CHECK_STR(credo_error_message(*err), message);
    credo_error_free(*err);
    *err = NULL;
}

static void test_null_arguments(const credo_ruleset *rs) {
    credo_ruleset *out = SENTINEL_RULESET;
    credo_error *err = NULL;
    char *decision = SENTINEL_STRING;
    int eligible = -1;
    size_t n = strlen(kLearner);

    expect_invalid(credo_ruleset_compile(NULL, 0, "x", &out, &err), &err, "credo_ruleset_compile: source is NULL");
    CHECK(out == NULL);
    expect_invalid(credo_ruleset_compile(kRules, strlen(kRules), "x", NULL, &err), &err,
                   "credo_ruleset_compile: out is NULL");
    CHECK_INT(credo_ruleset_compile(NULL, 0, "x", &out, NULL), CREDO_ERR_INVALID_ARGUMENT);

    out = SENTINEL_RULESET;
    expect_invalid(credo_ruleset_load(NULL, &out, &err), &err, "credo_ruleset_load: path is NULL");
    CHECK(out == NULL);
    expect_invalid(credo_ruleset_load("x.credo", NULL, &err), &err, "credo_ruleset_load: out is NULL");
    CHECK_INT(credo_ruleset_load(NULL, NULL, NULL), CREDO_ERR_INVALID_ARGUMENT);

    expect_invalid(credo_evaluate(NULL, kLearner, n, NULL, &decision, &err), &err, "credo_evaluate: rs is NULL");
    CHECK(decision == NULL);
    decision = SENTINEL_STRING;
    expect_invalid(credo_evaluate(rs, NULL, n, NULL, &decision, &err), &err, "credo_evaluate: learner_json is NULL");
    CHECK(decision == NULL);
    expect_invalid(credo_evaluate(rs, kLearner, n, NULL, NULL, &err), &err, "credo_evaluate: decision_json is NULL");
    CHECK_INT(credo_evaluate(NULL, NULL, 0, NULL, NULL, NULL), CREDO_ERR_INVALID_ARGUMENT);

    expect_invalid(credo_is_eligible(NULL, kLearner, n, "T:A", &eligible, &err), &err,
                   "credo_is_eligible: rs is NULL");
    CHECK_INT(eligible, 0);
    eligible = -1;
    expect_invalid(credo_is_eligible(rs, NULL, n, "T:A", &eligible, &err), &err,
                   "credo_is_eligible: learner_json is NULL");
    CHECK_INT(eligible, 0);
    expect_invalid(credo_is_eligible(rs, kLearner, n, NULL, &eligible, &err), &err,
                   "credo_is_eligible: award_id is NULL");
    expect_invalid(credo_is_eligible(rs, kLearner, n, "T:A", NULL, &err), &err, "credo_is_eligible: eligible is NULL");
    CHECK_INT(credo_is_eligible(NULL, NULL, 0, NULL, NULL, NULL), CREDO_ERR_INVALID_ARGUMENT);

    /* Accessors and destructors accept NULL. */
    CHECK_INT(credo_error_code(NULL), CREDO_OK);
    CHECK_STR(credo_error_message(NULL), "");
    CHECK_INT(credo_error_line(NULL), 0);
    CHECK_INT(credo_error_column(NULL), 0);
    CHECK_STR(credo_error_file(NULL), "");
    CHECK_STR(credo_error_pointer(NULL), "");
    CHECK(credo_ruleset_name(NULL) == NULL);
    CHECK(credo_ruleset_version(NULL) == NULL);
    CHECK(credo_ruleset_digest(NULL) == NULL);
    CHECK_INT(credo_ruleset_award_count(NULL), 0);
    CHECK(credo_ruleset_award_id(NULL, 0) == NULL);
    credo_error_free(NULL);
    credo_ruleset_free(NULL);
    credo_string_free(NULL);
}

/* Text that is not UTF-8 gives CREDO_ERR_INVALID_ARGUMENT naming the argument and the byte. */
static void test_invalid_utf8(const credo_ruleset *rs) {
    static const char bad_source[] = "ruleset \"R\xff\" version \"1\"\n";
    static const char bad_learner[] = "{\"learner\":\"\xed\xa0\x80\"}"; /* a surrogate, U+D800 */
    static const char good_learner[] = "{\"learner\":\"Se\xc3\xa1n \xe2\x82\xac \xf0\x9f\x8e\x93\"}";
    static const char cut_learner[] = "{\"learner\":\"\xe2\x82"; /* truncated at the end */
    credo_ruleset *out = SENTINEL_RULESET;
    credo_error *err = NULL;
    char *decision = SENTINEL_STRING;
    int eligible = -1;

    expect_invalid(credo_ruleset_compile(bad_source, strlen(bad_source), "x.credo", &out, &err), &err,
                   "credo_ruleset_compile: source is not valid UTF-8 (byte 10)");
    CHECK(out == NULL);
    expect_invalid(credo_ruleset_compile(kRules, strlen(kRules), "r\xc3\x28.credo", &out, &err), &err,
                   "credo_ruleset_compile: name is not valid UTF-8 (byte 1)");
    expect_invalid(credo_ruleset_load("rules-\xe0\x80\x80.credo", &out, &err), &err,
                   "credo_ruleset_load: path is not valid UTF-8 (byte 6)"); /* overlong */
    CHECK(out == NULL);
    expect_invalid(credo_evaluate(rs, bad_learner, strlen(bad_learner), NULL, &decision, &err), &err,
                   "credo_evaluate: learner_json is not valid UTF-8 (byte 12)");
    CHECK(decision == NULL);
    expect_invalid(credo_evaluate(rs, cut_learner, strlen(cut_learner), NULL, &decision, &err), &err,
                   "credo_evaluate: learner_json is not valid UTF-8 (byte 12)");
    expect_invalid(credo_evaluate(rs, kLearner, strlen(kLearner), "{\"as_of\":\"\xf4\x90\x80\x80\"}", &decision,
                                  &err),
                   &err, "credo_evaluate: options_json is not valid UTF-8 (byte 10)"); /* past U+10FFFF */
    expect_invalid(credo_is_eligible(rs, kLearner, strlen(kLearner), "T:\xc0\xaf", &eligible, &err), &err,
                   "credo_is_eligible: award_id is not valid UTF-8 (byte 2)"); /* overlong '/' */
    expect_invalid(credo_is_eligible(rs, bad_learner, strlen(bad_learner), "T:A", &eligible, &err), &err,
                   "credo_is_eligible: learner_json is not valid UTF-8 (byte 12)");
    CHECK_INT(eligible, 0);
    /* Two-, three- and four-byte characters are fine (the record is then rejected for other reasons). */
    CHECK_INT(credo_evaluate(rs, good_learner, strlen(good_learner), NULL, &decision, &err), CREDO_ERR_LEARNER);
    CHECK_STR(credo_error_pointer(err), "/credentials");
    credo_error_free(err);
}

int main(void) {
    const char *dir = CREDO_SOURCE_DIR;
    credo_ruleset *rs;
    test_version();
    test_status_names();
    test_compile_and_info();
    test_load(dir);
    test_syntax_error();
    test_io_errors();
    rs = compile_rules();
    test_evaluate(rs);
    test_is_eligible(rs);
    test_pathway(rs);
    test_is_eligible_matches_evaluate(dir);
    test_learner_errors(rs);
    test_options_errors(rs);
    test_budget(dir);
    test_null_arguments(rs);
    test_invalid_utf8(rs);
    credo_ruleset_free(rs);
    if (failures) {
        fprintf(stderr, "capi_test: %d of %d checks failed\n", failures, checks);
        return 1;
    }
    printf("capi_test: all %d checks passed\n", checks);
    return 0;
}
