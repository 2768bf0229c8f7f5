#!/usr/bin/env bash
# Installs the build into a temporary prefix, then builds and runs tests/bindings/consumer against it,
# once through find_package(credo) and once through pkg-config.
# Usage: consumer_test.sh BUILD_DIR SOURCE_DIR C_COMPILER GENERATOR
set -euo pipefail
build=$1
source=$2
cc=$3
generator=$4

work=$(mktemp -d "${TMPDIR:-/tmp}/credo-consumer.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
ruleset=$source/rulesets/microcred-l9/main.credo
learner=$source/rulesets/microcred-l9/learners/sample.json

echo "== cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
libdir=$(dirname "$(find "$prefix" -name 'libcredo.so.*' -type f | head -1)")

echo "== find_package(credo)"
cmake -S "$source/tests/bindings/consumer" -B "$work/build" -G "$generator" -DCMAKE_C_COMPILER="$cc" \
    -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$work/build" >/dev/null
"$work/build/consumer" "$ruleset" "$learner" MTU:CERT-DA 1
"$work/build/consumer" "$ruleset" "$learner" MTU:MSC-DA 0

echo "== pkg-config --cflags --libs credo"
export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs credo)
echo "pkg-config: $flags (version $(pkg-config --modversion credo))"
# shellcheck disable=SC2086
"$cc" -std=c99 -Wall -Wextra -Wpedantic -Werror -o "$work/consumer-pc" "$source/tests/bindings/consumer/main.c" $flags
LD_LIBRARY_PATH="$libdir" "$work/consumer-pc" "$ruleset" "$learner" MTU:CERT-DA 1
LD_LIBRARY_PATH="$libdir" "$work/consumer-pc" "$ruleset" "$learner" MTU:MSC-DA 0

echo "== installed Python package"
python_dir=$(dirname "$(find "$prefix" -path '*/credo/__init__.py' | head -1)")
env -u CREDO_LIBRARY PYTHONPATH="$(dirname "$python_dir")" PYTHONDONTWRITEBYTECODE=1 /usr/bin/python3 -c "
import credo, json, sys
rs = credo.Ruleset.load(sys.argv[1])
learner = json.load(open(sys.argv[2]))
assert rs.is_eligible(learner, 'MTU:CERT-DA') and not rs.is_eligible(learner, 'MTU:MSC-DA')
print('credo', credo.library_version(), 'from', credo._library()._name)
" "$ruleset" "$learner"
