/* Example admissions client: loads a ruleset, reads a learner record, prints eligibility per award. */
#include <stdio.h>
#include <stdlib.h>

#include <credo/credo.h>

/* Reads a whole file into a malloc'd buffer; returns NULL (and says why) when it cannot. */
static char *read_all(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    char *text = NULL;
    size_t size = 0, capacity = 0, n;
    if (!f) {
        perror(path);
        return NULL;
    }
    do {
        if (size == capacity) {
            char *grown;
            capacity = capacity ? capacity * 2 : 4096;
            grown = realloc(text, capacity);
            if (!grown) {
                free(text);
                fclose(f);
                fprintf(stderr, "%s: out of memory\n", path);
                return NULL;
            }
            text = grown;
        }
        n = fread(text + size, 1, capacity - size, f);
        size += n;
    } while (n > 0);
    if (ferror(f)) {
        perror(path);
        free(text);
        fclose(f);
        return NULL;
    }
    fclose(f);
    *len = size;
    return text;
}

int main(int argc, char **argv) {
    credo_ruleset *rs = NULL;
    credo_error *err = NULL;
    char *learner;
    size_t len = 0, i;
    int status = 0;

    if (argc != 3) {
        fprintf(stderr, "usage: admissions_client RULESET.credo LEARNER.json\n");
        return 2;
    }
    if (credo_ruleset_load(argv[1], &rs, &err) != CREDO_OK) {
        fprintf(stderr, "%s (%s)\n", credo_error_message(err), credo_status_name(credo_error_code(err)));
        credo_error_free(err);
        return 1;
    }
    learner = read_all(argv[2], &len);
    if (!learner) {
        credo_ruleset_free(rs);
        return 1;
    }
    printf("%s %s (%s), libcredo %s\n", credo_ruleset_name(rs), credo_ruleset_version(rs), credo_ruleset_digest(rs),
           credo_version());
    for (i = 0; i < credo_ruleset_award_count(rs); ++i) {
        const char *award = credo_ruleset_award_id(rs, i);
        int eligible = 0;
        if (credo_is_eligible(rs, learner, len, award, &eligible, &err) != CREDO_OK) {
            fprintf(stderr, "%s: %s\n", argv[2], credo_error_message(err));
            credo_error_free(err);
            status = 1;
            break;
        }
        printf("%s: %s\n", award, eligible ? "eligible" : "not eligible");
    }
    free(learner);
    credo_ruleset_free(rs);
    return status;
}
