#!/bin/bash
# Fuzzes the content pack loader and validator with libFuzzer.
#   build-aux/fuzz.sh [SECONDS]      (default 60)
#
# Builds tests/fuzz/fuzz-pack with clang-14 (-fsanitize=fuzzer,address,
# undefined) in its own build folder, _build-fuzz, seeds a corpus from the
# test packs and the built-in content, and fuzzes for SECONDS. Exits
# non-zero, and says where the input is, when the fuzzer finds a crash, a
# leak, a sanitizer report, a failed invariant, a timeout or an
# out-of-memory; those inputs are kept in _build-fuzz/crashes/.
#
# CI runs it bounded (build-aux/fuzz.sh 150 takes about three minutes with
# the build); run it longer by hand. The corpus in _build-fuzz/corpus/ is
# kept between runs, so each run goes on from where the last one stopped.
#
# Environment:
#   MAX_LEN=65536  the largest input libFuzzer makes (see below)
#   FUZZ_JOBS=1    fuzz in N processes (libFuzzer -fork=N), for long runs
#   FUZZ_ARGS=...  more libFuzzer flags, e.g. "-ignore_crashes=1" (with
#                  FUZZ_JOBS > 1) to go on past known crashes
#   FUZZ_STACK_KB=1024  the stack limit while fuzzing (see below)
set -euo pipefail

cd "$(dirname "$0")/.."
root=$PWD

seconds=${1:-60}
if ! [[ $seconds =~ ^[0-9]+$ ]] || [ "$seconds" -eq 0 ]; then
  echo "usage: build-aux/fuzz.sh [SECONDS]   (SECONDS > 0, default 60)" >&2
  exit 2
fi

# -max_len: 64 KiB is above the loader's 32 KiB string limit
# (MLP_CATALOG_MAX_STRING_SIZE), so the fuzzer can reach that check, and
# holds most built-in packs whole (those that are larger are seeded
# minified). A larger limit reaches nothing new (the 8 MiB pack limit is
# the unit tests' job) and makes every execution and mutation slower; a
# much smaller one would keep the real packs out of the corpus.
# libFuzzer starts from short inputs anyway and grows them (-len_control).
max_len=${MAX_LEN:-65536}
jobs=${FUZZ_JOBS:-1}

build_dir=$root/_build-fuzz
corpus_dir=$build_dir/corpus
seed_dir=$build_dir/seeds
crash_dir=$build_dir/crashes
log=$build_dir/fuzz.log
fuzzer=$build_dir/tests/fuzz/fuzz-pack
dict=$root/tests/fuzz/json.dict

# What the fuzz build needs, on Debian 12: clang-14 and its compiler-rt
# (libclang-rt-14-dev holds libclang_rt.fuzzer, asan and ubsan), llvm-14
# for llvm-symbolizer (readable stack traces), and the project's build
# dependencies (meson configures the whole project).
packages=(
  clang-14 libclang-rt-14-dev llvm-14
  meson ninja-build pkg-config python3 gettext
  libglib2.0-dev libglib2.0-dev-bin libglib2.0-bin
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsqlite3-dev
)
"$root/build-aux/install-packages.sh" "${packages[@]}"

# Build only the fuzz target, with clang.
if [ -f "$build_dir/meson-private/coredata.dat" ]; then
  meson configure "$build_dir" -Dfuzzing=true >/dev/null
else
  CC=clang-14 meson setup "$build_dir" -Dfuzzing=true -Dbuildtype=debugoptimized
fi
ninja -C "$build_dir" tests/fuzz/fuzz-pack

# Seeds: every test pack (good and bad, in any subfolder) and every
# built-in pack. They are laid anew each run in their own folder; libFuzzer
# writes what it finds to the first folder, the corpus, which is kept.
mkdir -p "$corpus_dir" "$crash_dir"
rm -rf "$seed_dir"
mkdir -p "$seed_dir"
shopt -s globstar nullglob
n_seeds=0
for file in tests/packs/**/*.json data/content/*.json; do
  name=$(echo "$file" | tr '/' '_')
  if [ "$(stat -c %s "$file")" -gt "$max_len" ]; then
    # Too long to be read whole: the same pack without the white space.
    # (A pack that is not JSON is copied as it is; libFuzzer cuts it.)
    if python3 -c 'import json, sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1], encoding="utf-8")), ensure_ascii=False, separators=(",", ":")))' \
      "$file" >"$seed_dir/tmp" 2>/dev/null; then
      mv "$seed_dir/tmp" "$seed_dir/min_$name"
    else
      rm -f "$seed_dir/tmp"
      cp "$file" "$seed_dir/$name"
    fi
  else
    cp "$file" "$seed_dir/$name"
  fi
  n_seeds=$((n_seeds + 1))
done
shopt -u globstar nullglob
echo "fuzz.sh: $n_seeds seeds, corpus $corpus_dir ($(find "$corpus_dir" -type f | wc -l) inputs kept)"

# Sanitizers: stop at the first report, with a symbolized stack; look for
# leaks (both the success and the error path must free everything).
symbolizer=/usr/lib/llvm-14/bin/llvm-symbolizer
[ -x "$symbolizer" ] && export ASAN_SYMBOLIZER_PATH=$symbolizer UBSAN_SYMBOLIZER_PATH=$symbolizer
export ASAN_OPTIONS=detect_leaks=1:halt_on_error=1:abort_on_error=0:handle_abort=1:handle_segv=1:handle_sigill=1:check_initialization_order=1:strict_string_checks=1:detect_invalid_pointer_pairs=0:print_summary=1:malloc_context_size=30:symbolize=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:symbolize=1
export LSAN_OPTIONS=print_suppressions=0
# GLib 2.74's slice allocator would hide use-after-free from ASan (the
# target also sets this itself when run by hand).
export G_SLICE=always-malloc
# Untranslated, so that runs are the same everywhere.
export LC_ALL=C.UTF-8 LANGUAGE=

# A small stack. The loader refuses nesting deeper than
# MLP_CATALOG_MAX_DEPTH (16) before json-glib recurses, so deep recursion
# is a bug whatever the stack; with 1 MiB it overflows at about 10,000
# levels, which fit in -max_len, instead of the 70,000 that 8 MiB takes.
ulimit -s "${FUZZ_STACK_KB:-1024}"

marker=$(mktemp)
trap 'rm -f "$marker"' EXIT

fuzz_args=(
  -max_total_time="$seconds"
  -max_len="$max_len"
  -dict="$dict"
  -timeout=10
  -rss_limit_mb=2048
  -artifact_prefix="$crash_dir/"
  -print_final_stats=1
  -use_value_profile=1
)
[ "$jobs" -gt 1 ] && fuzz_args+=(-fork="$jobs")
# shellcheck disable=SC2206
[ -n "${FUZZ_ARGS:-}" ] && fuzz_args+=(${FUZZ_ARGS})

echo "fuzz.sh: fuzzing for ${seconds}s: $fuzzer ${fuzz_args[*]} $corpus_dir $seed_dir"
status=0
"$fuzzer" "${fuzz_args[@]}" "$corpus_dir" "$seed_dir" 2>&1 | tee "$log" || status=${PIPESTATUS[0]}

found=()
while IFS= read -r -d '' file; do
  found+=("$file")
done < <(find "$crash_dir" -type f -newer "$marker" -print0)

echo
echo "fuzz.sh: summary"
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$log" | awk '!seen[$0]++ { print "  " $0 }' || true
# (-fork mode prints no final stats; its last status line instead.)
grep -q '^stat::' "$log" || grep -E '^#[0-9]+: cov' "$log" | tail -1 | sed 's/^/  last status: /' || true
echo "  corpus: $(find "$corpus_dir" -type f | wc -l) inputs, $(du -sh "$corpus_dir" | cut -f1) in $corpus_dir"
echo "  log: $log"

if [ "$status" -ne 0 ] || [ ${#found[@]} -gt 0 ]; then
  echo
  echo "fuzz.sh: FAILED: the fuzzer stopped with status $status"
  for file in "${found[@]}"; do
    echo "  input that fails: $file"
  done
  [ ${#found[@]} -gt 0 ] || echo "  (no input saved; see $log)"
  echo "  reproduce: (ulimit -s ${FUZZ_STACK_KB:-1024}; $fuzzer FILE)"
  echo "             (a leak's full allocation stacks: ASAN_OPTIONS=fast_unwind_on_malloc=0 before it)"
  echo "  minimise:  (ulimit -s ${FUZZ_STACK_KB:-1024}; $fuzzer -minimize_crash=1 -max_total_time=60 -exact_artifact_path=FILE.min FILE)"
  [ "$status" -ne 0 ] || status=1
  exit "$status"
fi

echo "fuzz.sh: no crash in ${seconds}s"
