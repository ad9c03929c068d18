#!/usr/bin/env bash
# Validates the deployment files in deploy/ with the tools that understand them:
#   yaml        yamllint on every YAML file (Debian: yamllint); every JSON file parses
#   compose     docker-compose config -q (Debian: docker-compose 1.29.2; needs no Docker engine)
#   k8s         every manifest against the Kubernetes OpenAPI schema, strictly (no unknown
#               fields), plus probes on /ready and /health and resources on every Deployment
#               (npm: kubernetes-models, yaml; tools/deploy-validate, installed with npm ci)
#   systemd     systemd-analyze verify on every unit (Debian: systemd); ExecStart is pointed at
#               a real binary in a temporary copy, since verify checks that it exists
#   metrics     every sharpline_* metric in the Grafana dashboard and the alert rules is defined
#               in src/ (node, tools/deploy-validate/check-metrics.js)
#   prometheus  promtool check config / check rules / test rules (Debian: prometheus)
#   subscribers the webhook subscribers files load in `sharpline alerts webhook --check`
#               (only with --sharpline BIN)
#
# Usage: tools/validate-deploy.sh [--deploy DIR] [--src DIR] [--sharpline BIN] [--only CHECK]
#   --deploy DIR     the deploy tree to check (default: the repository's deploy/)
#   --src DIR        the C++ sources defining the metrics (default: the repository's src/)
#   --sharpline BIN  binary the systemd units' ExecStart is pointed at (default: /bin/true)
#   --only CHECK     run one check (yaml, compose, k8s, systemd, metrics, prometheus, subscribers)
# Exit 0: all ran and passed. 1: something failed. 77: nothing failed but a tool was missing
# and CI is unset (in CI, CI=1, a missing tool is a failure).
set -uo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPLOY="$ROOT/deploy"
SRC="$ROOT/src"
SHARPLINE_BIN=/bin/true
ONLY=""
while (($#)); do
  case "$1" in
    --deploy) DEPLOY=$(cd "${2:?}" && pwd); shift 2 ;;
    --src) SRC=$(cd "${2:?}" && pwd); shift 2 ;;
    --sharpline) SHARPLINE_BIN=$(readlink -f "${2:?}"); shift 2 ;;
    --only) ONLY=${2:?}; shift 2 ;;
    *) echo "usage: $0 [--deploy DIR] [--src DIR] [--sharpline BIN] [--only CHECK]" >&2; exit 2 ;;
  esac
done
VALIDATOR="$ROOT/tools/deploy-validate"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

failed=()
skipped=()
pass() { echo "validate-deploy: ok      $1"; }
fail() { echo "validate-deploy: FAIL    $1" >&2; failed+=("$1"); }
missing() { # tool check
  if [[ -n "${CI:-}" ]]; then
    fail "$2: $1 is not installed (CI is set: every check must run; tools/install-deps.sh --test)"
  else
    echo "validate-deploy: skip    $2 ($1 not installed; tools/install-deps.sh --test)"
    skipped+=("$2")
  fi
}
wanted() { [[ -z "$ONLY" || "$ONLY" == "$1" ]]; }
# Runs a command; on failure prints its output and records the failure.
run() { # name command...
  local name=$1
  shift
  if "$@" >"$WORK/out" 2>&1; then
    pass "$name"
  else
    cat "$WORK/out" >&2
    fail "$name"
  fi
}

if wanted yaml; then
  if command -v yamllint >/dev/null; then
    mapfile -t yamls < <(find "$DEPLOY" -name '*.yml' -o -name '*.yaml' | sort)
    # Relaxed: 120 columns; `on`/`yes` keys are not booleans in these files.
    run "yaml: yamllint (${#yamls[@]} files)" yamllint -s -d \
      '{extends: default, rules: {line-length: {max: 120}, document-start: disable, truthy: {check-keys: false}}}' \
      "${yamls[@]}"
  else
    missing yamllint yaml
  fi
  mapfile -t jsons < <(find "$DEPLOY" -name '*.json' | sort)
  run "yaml: JSON files parse (${#jsons[@]} files)" /usr/bin/python3 -c \
    'import json, sys
for name in sys.argv[1:]:
    try:
        json.load(open(name))
    except ValueError as error:
        sys.exit(f"{name}: {error}")' "${jsons[@]}"
fi

if wanted compose; then
  if command -v docker-compose >/dev/null; then
    # The example .env supplies every required variable (${VAR:?} fails without it).
    run "compose: docker-compose config -q" docker-compose \
      --project-directory "$DEPLOY/compose" -f "$DEPLOY/compose/docker-compose.yml" \
      --env-file "$DEPLOY/compose/.env.example" config -q
    # Every file the compose file mounts or builds from must exist in the tree.
    config=$(docker-compose --project-directory "$DEPLOY/compose" -f "$DEPLOY/compose/docker-compose.yml" \
      --env-file "$DEPLOY/compose/.env.example" config 2>/dev/null)
    absent=()
    while read -r source; do
      [[ -e "$source" ]] || absent+=("$source")
    done < <(grep -oE -- "- $DEPLOY/[^:]+" <<<"$config" | sed 's/^- //')
    [[ -e "$DEPLOY/docker/Dockerfile" ]] || absent+=("$DEPLOY/docker/Dockerfile")
    # No Docker engine here to build the image: at least every COPY source must exist in the
    # build context (the repository root) and pass Dockerfile.dockerignore's allow-list.
    while read -r source; do
      [[ -e "$ROOT/$source" ]] || absent+=("Dockerfile COPY $source")
      grep -qxF "!${source%/}" "$DEPLOY/docker/Dockerfile.dockerignore" ||
        grep -qxF "!${source%/}/" "$DEPLOY/docker/Dockerfile.dockerignore" ||
        absent+=("$source (excluded by Dockerfile.dockerignore)")
    done < <(awk '$1 == "COPY" && $2 !~ /^--from/ { for (i = 2; i < NF; i++) print $i }' "$DEPLOY/docker/Dockerfile")
    if ((${#absent[@]})); then
      fail "compose: missing: ${absent[*]}"
    else
      pass "compose: mounted files and Dockerfile COPY sources exist"
    fi
  else
    missing docker-compose compose
  fi
fi

if wanted k8s; then
  if command -v node >/dev/null && command -v npm >/dev/null; then
    # npm ci only when the lock file changed since the last install (stamp in node_modules).
    if ! cmp -s "$VALIDATOR/package-lock.json" "$VALIDATOR/node_modules/.sharpline-lock-stamp"; then
      if (cd "$VALIDATOR" && npm ci --no-audit --no-fund --loglevel=error) >"$WORK/npm" 2>&1; then
        cp "$VALIDATOR/package-lock.json" "$VALIDATOR/node_modules/.sharpline-lock-stamp"
      else
        cat "$WORK/npm" >&2
      fi
    fi
    if [[ -f "$VALIDATOR/node_modules/.sharpline-lock-stamp" ]]; then
      run "k8s: kubernetes-models schema, probes, resources, kustomization" \
        node "$VALIDATOR/validate-k8s.js" "$DEPLOY/k8s"
    else
      fail "k8s: npm ci in tools/deploy-validate failed (is the npm registry reachable?)"
    fi
  else
    missing "node/npm" k8s
  fi
fi

if wanted systemd; then
  if command -v systemd-analyze >/dev/null; then
    mkdir -p "$WORK/units"
    cp "$DEPLOY"/systemd/*.service "$DEPLOY"/systemd/*.target "$WORK/units/"
    sed -i "s#^ExecStart=/opt/sharpline/bin/sharpline#ExecStart=$SHARPLINE_BIN#" "$WORK"/units/*.service
    units=()
    for unit in "$WORK"/units/*.service "$WORK"/units/*.target; do
      case "$unit" in
        *@.service)
          for stage in features inference opportunities grading; do units+=("${unit%@.service}@$stage.service"); done
          ;;
        *) units+=("$unit") ;;
      esac
    done
    # verify exits 0 on unknown keys and bad values (it only warns), so any output is a failure.
    (cd "$WORK/units" && systemd-analyze verify "${units[@]}") >"$WORK/out" 2>&1
    status=$?
    if [[ $status -eq 0 && ! -s "$WORK/out" ]]; then
      pass "systemd: systemd-analyze verify (${#units[@]} units)"
    else
      sed "s#$WORK/units/#deploy/systemd/#g" "$WORK/out" >&2
      fail "systemd: systemd-analyze verify"
    fi
  else
    missing systemd-analyze systemd
  fi
fi

if wanted metrics; then
  if command -v node >/dev/null && [[ -d "$VALIDATOR/node_modules/yaml" ]]; then
    run "metrics: dashboard and alert rules use defined metrics" \
      node "$VALIDATOR/check-metrics.js" --src "$SRC" "$DEPLOY"/grafana/*.json "$DEPLOY/prometheus/alerts.yml"
  elif command -v node >/dev/null; then
    fail "metrics: tools/deploy-validate/node_modules missing (run the k8s check first: npm ci)"
  else
    missing node metrics
  fi
fi

if wanted prometheus; then
  if command -v promtool >/dev/null; then
    run "prometheus: promtool check rules alerts.yml" promtool check rules "$DEPLOY/prometheus/alerts.yml"
    run "prometheus: promtool test rules alerts_test.yml" promtool test rules "$DEPLOY/prometheus/alerts_test.yml"
    run "prometheus: promtool check config prometheus.yml" promtool check config "$DEPLOY/prometheus/prometheus.yml"
    # prometheus-k8s.yml uses kubernetes_sd_configs, which Debian's promtool is built without;
    # yamllint above is all it gets here (docs/operations.md).
  else
    missing promtool prometheus
  fi
fi

if wanted subscribers; then
  # The webhook subscribers files shipped in deploy/ must load in the real parser
  # (`sharpline alerts webhook --check`), with their secrets supplied the way each deployment
  # supplies them: an environment variable (compose, Kubernetes) or a credential file (systemd).
  if [[ "$SHARPLINE_BIN" == /bin/true ]]; then
    echo "validate-deploy: skip    subscribers (needs --sharpline BIN)"
  elif ! command -v node >/dev/null || [[ ! -d "$VALIDATOR/node_modules/yaml" ]]; then
    fail "subscribers: node and tools/deploy-validate/node_modules are needed (run the k8s check first)"
  else
    node -e '
      const YAML = require(process.argv[1]);
      const docs = YAML.parseAllDocuments(require("fs").readFileSync(process.argv[2], "utf8"));
      const map = docs.map((d) => d.toJSON()).find((d) => d && d.metadata.name === "sharpline-subscribers");
      process.stdout.write(map.data["subscribers.json"]);' \
      "$VALIDATOR/node_modules/yaml" "$DEPLOY/k8s/configmap.yaml" >"$WORK/k8s-subscribers.json" 2>"$WORK/out" ||
      cat "$WORK/out" >&2
    echo "test-secret" >"$WORK/webhook-secret"
    sed "s#/run/credentials/sharpline-alerts-webhook.service/[A-Za-z0-9_.-]*#$WORK/webhook-secret#" \
      "$DEPLOY/systemd/subscribers.example.json" >"$WORK/systemd-subscribers.json"
    declare -A subscribers=(
      ["deploy/compose/subscribers.example.json"]="$DEPLOY/compose/subscribers.example.json"
      ["deploy/k8s/configmap.yaml (sharpline-subscribers)"]="$WORK/k8s-subscribers.json"
      ["deploy/systemd/subscribers.example.json"]="$WORK/systemd-subscribers.json"
    )
    for name in "${!subscribers[@]}"; do
      run "subscribers: sharpline alerts webhook --check $name" \
        env SHARPLINE_WEBHOOK_SECRET_OPS_CHAT=test-secret "$SHARPLINE_BIN" alerts webhook --check \
        --subscribers "${subscribers[$name]}" --log-level error
    done
  fi
fi

if ((${#failed[@]})); then
  echo "validate-deploy: ${#failed[@]} check(s) failed" >&2
  exit 1
fi
if ((${#skipped[@]})); then
  echo "validate-deploy: passed, but skipped: ${skipped[*]}"
  exit 77
fi
echo "validate-deploy: all checks passed"
