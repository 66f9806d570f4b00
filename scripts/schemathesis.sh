#!/usr/bin/env bash
# Schemathesis (property-based API tests from openapi.yaml) against the real server and a
# throw-away Neo4j: run by `make test` through `cryograph neo4j exec`, which sets NEO4J_URI and
# NEO4J_PASSWORD. Bounded: ST_MAX_EXAMPLES examples per operation and phase, one worker, on
# loopback. It fails on any 5xx and on any status or response that openapi.yaml does not describe.
set -euo pipefail
ST=${ST:-.cryograph/schemathesis-venv/bin/st}
ADDR=${ST_ADDR:-127.0.0.1:18080}
BIN=${BIN:-./bin/cryograph}
MAX=${ST_MAX_EXAMPLES:-20}

"$BIN" migrate >/dev/null
"$BIN" load data/demo/*.jsonl >/dev/null
TOKEN=$("$BIN" token create --role admin --name schemathesis 2>/dev/null)
# No per-caller rate limits: the run is bounded by the number of examples instead.
CRYOGRAPH_ADDR=$ADDR CRYOGRAPH_RATE_LIMIT=0 CRYOGRAPH_CYPHER_RATE_LIMIT=0 "$BIN" serve >.cryograph/schemathesis-serve.log 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do curl -sf "http://$ADDR/readyz" >/dev/null && break; sleep 0.5; done
for auth in anonymous admin; do
  hdr=()
  [ "$auth" = admin ] && hdr=(-H "Authorization: Bearer $TOKEN")
  echo "== schemathesis as $auth"
  "$ST" run "http://$ADDR/api/openapi.json" "${hdr[@]}" --max-examples "$MAX" --workers 1 \
    --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance \
    --phases examples,coverage,fuzzing --generation-deterministic --suppress-health-check filter_too_much --no-color
done
