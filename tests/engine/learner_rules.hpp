// The small ruleset learner records are read against in the reader's tests and fuzzers:
// catalogue units, a nested award and an entry block.
#pragma once

namespace credo::test {

inline const char* const kLearnerRules = R"(ruleset "learner tests" version "1"
institution MTU "Munster Technological University"
unit MTU:A "A" credits 5 level 8
unit MTU:B "B" credits 7.5 level 9
award MTU:CERT "Certificate" class special-purpose level 8 credits 5 {
  require "core" all MTU:A
}
award MTU:DIP "Diploma" class minor level 8 credits 12.5 {
  entry { require "prior" 5 credits from any }
  require "cert" award MTU:CERT
  require "more" all MTU:B
}
)";

}  // namespace credo::test
