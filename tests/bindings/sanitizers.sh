#!/usr/bin/env bash
# Builds the C API tests under ThreadSanitizer and under AddressSanitizer+UndefinedBehaviorSanitizer, in
# their own build trees, and runs them. Only the two test targets (and what they need) are built.
# Usage: sanitizers.sh SOURCE_DIR BUILD_ROOT [GENERATOR [C_COMPILER CXX_COMPILER]]
# Environment: CREDO_SANITIZE_JOBS (default 2) build jobs; CREDO_THREADS_ITERATIONS (default 1000)
# decisions per thread for the threads test.
set -euo pipefail
source=$1
root=$2
generator=${3:-Ninja}
compilers=()
[ $# -ge 5 ] && compilers=(-DCMAKE_C_COMPILER="$4" -DCMAKE_CXX_COMPILER="$5")
jobs=${CREDO_SANITIZE_JOBS:-2}
export CREDO_THREADS_ITERATIONS=${CREDO_THREADS_ITERATIONS:-1000}
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
export ASAN_OPTIONS="halt_on_error=1 detect_leaks=1 strict_string_checks=1 detect_stack_use_after_return=1"
export UBSAN_OPTIONS="halt_on_error=1 print_stacktrace=1"

build_tree() {  # NAME SANITIZERS BUILD_TYPE
    local dir=$root/$1
    local start=$SECONDS
    echo "== $1: -DCREDO_SANITIZE=$2 -DCMAKE_BUILD_TYPE=$3 in $dir"
    cmake -S "$source" -B "$dir" -G "$generator" "${compilers[@]}" -DCMAKE_BUILD_TYPE="$3" \
        -DCREDO_SANITIZE="$2" -DBUILD_TESTING=ON >/dev/null
    cmake --build "$dir" --target capi_test capi_threads_test -j "$jobs" | tail -1
    echo "   built in $((SECONDS - start)) s"
}

run() {  # NAME PROGRAM
    local start=$SECONDS
    echo "== $1: $(basename "$2")"
    "$2"
    echo "   ran in $((SECONDS - start)) s"
}

# ThreadSanitizer at -O2, where the compiler reorders the most; ASan+UBSan at -O0 with assertions on, since
# GCC takes about seven times longer to compile this code with -O2 -fsanitize=address,undefined.
build_tree thread thread RelWithDebInfo
run thread "$root/thread/tests/bindings/capi_threads_test"
run thread "$root/thread/tests/bindings/capi_test"

build_tree address address,undefined Debug
run address "$root/address/tests/bindings/capi_test"
run address "$root/address/tests/bindings/capi_threads_test"
