#!/usr/bin/env bash
# The HTTP API under schemathesis: requests generated from the OpenAPI
# document the server serves, each answer checked for a server error (5xx)
# and against the document (status, content type, headers, JSON schema),
# and the operations asked with methods they do not allow (405 with Allow).
#
#   tests/api/fuzz.sh http://127.0.0.1:PORT/api/v1/openapi.json
#   tests/api/fuzz.sh --install     # only install schemathesis (CI)
#
# `cargo test --test serve` starts a server over the corpus and runs this
# (schemathesis_finds_no_server_error_and_no_schema_violation).
#
# Schemathesis is installed, pinned, in a venv under target/ the first time.
# Exit codes: 0 no failure and at least ECON_ARCHIVE_FUZZ_MIN_REQUESTS
# requests; 1 failures (or too few requests); 77 skipped: python3, its venv
# module or the install is not available (the reason is printed).
#
# Environment: ECON_ARCHIVE_FUZZ_VENV (the venv's folder),
# ECON_ARCHIVE_FUZZ_EXAMPLES (test cases per operation and phase, 150),
# ECON_ARCHIVE_FUZZ_SEED (a fixed seed by default, so a run can be
# replayed), ECON_ARCHIVE_FUZZ_MIN_REQUESTS (1000).
set -uo pipefail

version=4.32.5
case $0 in */*) here=${0%/*} ;; *) here=. ;; esac
here=$(cd "$here" && pwd)
repo=$(cd "$here/../.." && pwd)
venv=${ECON_ARCHIVE_FUZZ_VENV:-$repo/target/schemathesis-venv}
examples=${ECON_ARCHIVE_FUZZ_EXAMPLES:-150}
seed=${ECON_ARCHIVE_FUZZ_SEED:-20260}
min_requests=${ECON_ARCHIVE_FUZZ_MIN_REQUESTS:-1000}
st="$venv/bin/schemathesis"

skip() {
    echo "fuzz.sh: skipped: $*" >&2
    exit 77
}

install() {
    if [ -x "$st" ] && [ "$("$st" --version 2>/dev/null)" = "schemathesis, version $version" ]; then
        return 0
    fi
    command -v python3 >/dev/null || skip "python3 is not installed"
    python3 -m venv "$venv" >&2 ||
        skip "python3 cannot make a venv (on Debian: apt-get install python3-venv)"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
        "schemathesis==$version" >&2 ||
        skip "pip could not install schemathesis==$version"
    echo "fuzz.sh: installed schemathesis $version in $venv" >&2
}

if [ "${1:-}" = "--install" ]; then
    install
    exit 0
fi
url=${1:?usage: tests/api/fuzz.sh URL-of-openapi.json | --install}
install

out="$repo/target/api-fuzz"
mkdir -p "$out"
report="$out/report.json"
rm -f "$report"
# The checks: no 5xx, and every answer as the document says (status, content
# type, headers, JSON body); other methods refused with 405 and Allow.
# Not run: negative_data_rejection and positive_data_acceptance, which
# expect the server to refuse what the schemas cannot say is wrong (blank
# values count as absent, as an HTML form sends them) and to accept any
# query text or date the schemas allow (the query parser and the date
# reader refuse some, with 400 and the command line's message).
checks=not_a_server_error,response_schema_conformance,status_code_conformance
checks=$checks,content_type_conformance,response_headers_conformance
checks=$checks,unsupported_method,allow_header_conformance
(
    cd "$out" &&
        timeout 1800 "$st" run "$url" \
            --checks "$checks" \
            --max-examples "$examples" \
            --seed "$seed" \
            --workers 2 \
            --request-timeout 60 \
            --generation-database none \
            --no-color \
            --report json --report-json-path "$report"
)
status=$?
[ -f "$report" ] || {
    echo "fuzz.sh: schemathesis wrote no report (exit $status)" >&2
    exit 1
}
"$venv/bin/python" - "$report" "$min_requests" "$status" <<'EOF'
import json, sys
report, least, status = json.load(open(sys.argv[1])), int(sys.argv[2]), int(sys.argv[3])
cases = report["test_cases"]
failures = sum(f.get("count", 1) for f in report.get("failures", []))
errors = sum(e.get("count", 1) for e in report.get("errors", []))
print(f"schemathesis: {cases['generated']} requests generated over "
      f"{report['operations']['tested']} operations; {cases['with_failures']} with failures "
      f"({cases['unique_failures']} unique), {errors} errors")
for f in report.get("failures", []):
    print("  failure:", json.dumps(f)[:500])
for e in report.get("errors", []):
    print("  error:", json.dumps(e)[:500])
if cases["generated"] < least:
    print(f"schemathesis: fewer than {least} requests: raise ECON_ARCHIVE_FUZZ_EXAMPLES")
    sys.exit(1)
sys.exit(0 if status == 0 and failures == 0 and errors == 0 and cases["with_failures"] == 0 else 1)
EOF
