/* Consumer of an installed libcredo: checks the version, then one award's eligibility for a learner. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <credo/credo.h>

/* Usage: consumer RULESET LEARNER.json AWARD EXPECTED(0|1). Exit 0 when the answer is EXPECTED. */
int main(int argc, char **argv) {
    credo_ruleset *rs = NULL;
    credo_error *err = NULL;
    char record[65536];
    size_t len;
    int eligible = -1, rc;
    FILE *f;

    if (argc != 5) {
        fprintf(stderr, "usage: consumer RULESET LEARNER.json AWARD EXPECTED\n");
        return 2;
    }
    if (strcmp(credo_version(), CREDO_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s, library %s\n", CREDO_VERSION_STRING, credo_version());
        return 1;
    }
    f = fopen(argv[2], "rb");
    if (!f) {
        perror(argv[2]);
        return 1;
    }
    len = fread(record, 1, sizeof record, f);
    fclose(f);
    if (credo_ruleset_load(argv[1], &rs, &err) != CREDO_OK) {
        fprintf(stderr, "%s\n", credo_error_message(err));
        credo_error_free(err);
        return 1;
    }
    rc = credo_is_eligible(rs, record, len, argv[3], &eligible, &err);
    if (rc != CREDO_OK) fprintf(stderr, "%s: %s\n", credo_status_name(rc), credo_error_message(err));
    credo_error_free(err);
    credo_ruleset_free(rs);
    if (rc != CREDO_OK) return 1;
    printf("libcredo %s: %s %s\n", credo_version(), argv[3], eligible ? "eligible" : "not eligible");
    return eligible == atoi(argv[4]) ? 0 : 1;
}
