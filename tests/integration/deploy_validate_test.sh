#!/usr/bin/env bash
# The deployment files in deploy/ pass tools/validate-deploy.sh (docker-compose config,
# kubernetes-models, systemd-analyze verify, promtool, the metric-name check, the webhook
# subscribers files through `sharpline alerts webhook --check`), and the validator
# can fail: a copy of deploy/ with one deliberate mistake per check must be rejected, naming the
# mistake. Exit 77 (skip) when a tool is missing and CI is unset; in CI every check must run.
set -euo pipefail
SHARPLINE=${1:?usage: $0 path/to/sharpline}
SRC=${SHARPLINE_SOURCE_DIR:-$(cd "$(dirname "$0")/../.." && pwd)}
VALIDATE="$SRC/tools/validate-deploy.sh"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

# 1. The real files pass. The systemd units are verified against the binary under test.
status=0
bash "$VALIDATE" --sharpline "$SHARPLINE" >"$WORK/ok.log" 2>&1 || status=$?
cat "$WORK/ok.log"
if [[ $status -eq 77 ]]; then
  echo "SKIP: a validation tool is missing (see above)"
  exit 77
fi
[[ $status -eq 0 ]] || fail "tools/validate-deploy.sh rejected deploy/ (exit $status)"
for check in yaml compose k8s systemd metrics prometheus subscribers; do
  grep -q "validate-deploy: ok      $check" "$WORK/ok.log" || fail "check $check did not run"
done

# 2. Negative self-checks: break one file in a copy, run only the check that owns it, and expect
#    exit 1 with a message that names the problem.
expect_rejected() { # check expected-message-regex description
  local check=$1 pattern=$2 what=$3 code=0
  bash "$VALIDATE" --deploy "$WORK/deploy" --src "$SRC/src" --sharpline "$SHARPLINE" --only "$check" \
    >"$WORK/bad.log" 2>&1 || code=$?
  if [[ $code -ne 1 ]] || ! grep -Eq -- "$pattern" "$WORK/bad.log"; then
    cat "$WORK/bad.log" >&2
    fail "$what: expected exit 1 and /$pattern/, got exit $code"
  fi
  echo "ok: rejected $what"
}
fresh_copy() {
  rm -rf "$WORK/deploy"
  cp -r "$SRC/deploy" "$WORK/deploy"
}

fresh_copy
sed -i 's/readinessProbe:/readinesProbe:/' "$WORK/deploy/k8s/stage-grading.yaml"
expect_rejected k8s 'stage-grading.yaml.*readinesProbe: unknown field' "a misspelt readinessProbe"

fresh_copy
sed -i 's#path: /health#path: /healthz#' "$WORK/deploy/k8s/stage-features.yaml"
expect_rejected k8s 'stage-features.*livenessProbe must be httpGet /health' "a liveness probe off /health"

fresh_copy
sed -i '0,/replicas: 3/s//replicas: three/' "$WORK/deploy/k8s/stage-features.yaml"
expect_rejected k8s 'stage-features.*/spec/replicas: type' "a non-integer replica count"

fresh_copy
sed -i 's/service_completed_successfully/service_finished/' "$WORK/deploy/compose/docker-compose.yml"
expect_rejected compose 'service_finished|depends_on' "an unknown depends_on condition"

fresh_copy
sed -i 's/^    command: \["stage", "grading"\]/    comand: ["stage", "grading"]/' "$WORK/deploy/compose/docker-compose.yml"
expect_rejected compose "comand" "a misspelt compose key"

fresh_copy
sed -i 's#^COPY topics/ ./topics/#COPY topic/ ./topics/#' "$WORK/deploy/docker/Dockerfile"
expect_rejected compose 'Dockerfile COPY topic/' "a Dockerfile COPY of a path that does not exist"

fresh_copy
sed -i 's/sharpline_stage_consumer_lag{/sharpline_stage_consumer_lagg{/' "$WORK/deploy/grafana/sharpline-dashboard.json"
expect_rejected metrics 'sharpline_stage_consumer_lagg is not a metric defined' "a dashboard metric typo"

fresh_copy
sed -i 's/sharpline_stage_dead_letters_total\[15m\]/sharpline_stage_deadletters_total[15m]/' "$WORK/deploy/prometheus/alerts.yml"
expect_rejected metrics 'sharpline_stage_deadletters_total is not a metric defined' "an alert rule metric typo"

fresh_copy
sed -i 's/sum by (stage) (sharpline_stage_consumer_lag) > 10000/sum by (stage (sharpline_stage_consumer_lag) > 10000/' \
  "$WORK/deploy/prometheus/alerts.yml"
expect_rejected prometheus 'check rules' "an alert expression that does not parse"

fresh_copy
sed -i 's/> 10000/> 20000/' "$WORK/deploy/prometheus/alerts.yml"
expect_rejected prometheus 'test rules' "a threshold change that the rule tests catch"

fresh_copy
sed -i 's/^Restart=on-failure/Restart=sometimes/' "$WORK/deploy/systemd/sharpline-stage@.service"
expect_rejected systemd 'sharpline-stage@.service.*restart' "an invalid Restart= value"

fresh_copy
sed -i 's/^ExecStart=\/opt\/sharpline\/bin\/sharpline/ExecStart=sharpline/' "$WORK/deploy/systemd/sharpline-collect-odds.service"
expect_rejected systemd 'collect-odds' "a relative ExecStart path"

fresh_copy
sed -i '/^  SHARPLINE_LOG_LEVEL:/a\  SHARPLINE_LOG_LEVEL: "debug"' "$WORK/deploy/k8s/configmap.yaml"
expect_rejected yaml 'error +duplication of key "SHARPLINE_LOG_LEVEL"' "a duplicated key"

fresh_copy
sed -i 's/"min_ev": 0.03 }/"min_ev": 0.03/' "$WORK/deploy/k8s/configmap.yaml" "$WORK/deploy/compose/subscribers.example.json"
expect_rejected k8s 'data.subscribers.json: not JSON' "a subscribers file in a ConfigMap that is not JSON"
expect_rejected yaml 'subscribers.example.json: ' "a JSON file that does not parse"

fresh_copy
sed -i 's/"url":/"uri":/' "$WORK/deploy/systemd/subscribers.example.json"
expect_rejected subscribers 'systemd/subscribers.example.json' "a subscribers file the webhook's parser refuses"

echo "PASS: deploy/ validates, and 16 broken copies are rejected"
