#!/usr/bin/env bash
# Makes sure the PostgreSQL that the store tests use is up: 127.0.0.1:5432, user postgres (trust), database test.
# Called by .ci/run before the build; safe to run when it is already up. Exits non-zero, saying why, if it cannot.
set -euo pipefail

host=127.0.0.1
port=5432

if ! pg_isready -q -h "$host" -p "$port"; then
  echo "ci-postgres: PostgreSQL is not accepting connections on $host:$port; starting it"
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
  for _ in $(seq 1 60); do
    pg_isready -q -h "$host" -p "$port" && break
    sleep 0.5
  done
  if ! pg_isready -h "$host" -p "$port"; then
    echo "ci-postgres: PostgreSQL $version did not come up on $host:$port" >&2
    exit 1
  fi
fi

if ! psql -h "$host" -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = 'test'" \
    | grep -q 1; then
  echo "ci-postgres: creating database test"
  createdb -h "$host" -p "$port" -U postgres test
fi
echo "ci-postgres: PostgreSQL is up on $host:$port (database test)"
