#!/usr/bin/env bash
# What `make bench` needs beyond pip: a Java runtime for tabula-py (tabula-java runs in a JVM).
# Installs default-jre-headless with apt when Java is missing and we may (root, or sudo without a password);
# otherwise says so and goes on: bench/run.py then reports tabula as "not available" with the reason.
set -uo pipefail
command -v java >/dev/null 2>&1 && exit 0
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi
fi
if [ "$sudo" != "none" ] && command -v apt-get >/dev/null 2>&1; then
  echo "bench: installing a Java runtime for tabula-py (default-jre-headless)"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q && $sudo apt-get install -y -q default-jre-headless && exit 0
fi
echo "bench: no Java runtime and cannot install one here; tabula-py will be reported as not available" >&2
exit 0
