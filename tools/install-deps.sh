#!/usr/bin/env bash
# Installs the Debian 12 packages sharpline needs. Run as root (or with sudo).
#   tools/install-deps.sh          build and run
#   tools/install-deps.sh --test   also what the test suite needs (GoogleTest, PostgreSQL,
#                                  Python Kafka/Avro clients for the interop tests, and clang
#                                  with its runtime libraries: libFuzzer, which the parser fuzz
#                                  targets need, exists only in clang; docs/fuzzing.md; and
#                                  chromium for the HTML report's real-browser test; prometheus
#                                  for promtool, which checks /metrics and the alert rules)
set -euo pipefail

packages=(
  build-essential cmake pkg-config git ca-certificates
  librdkafka-dev libavro-dev libpqxx-dev libboost-dev libxgboost-dev
  nlohmann-json3-dev libspdlog-dev libfmt-dev libssl-dev
  libgtest-dev libgmock-dev libbenchmark-dev zlib1g-dev python3-numpy
)
if [[ "${1:-}" == "--test" ]]; then
  packages+=(postgresql-15 python3 python3-confluent-kafka python3-avro python3-requests curl kcat
    clang libclang-rt-14-dev chromium prometheus)
  # tools/validate-deploy.sh: docker-compose (config only, no engine), yamllint, systemd-analyze,
  # promtool, and node + npm for the Kubernetes schema check; a node already installed is kept.
  packages+=(docker-compose yamllint systemd)
  if ! command -v node >/dev/null; then packages+=(nodejs npm); fi
fi

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if ((${#missing[@]} == 0)); then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
