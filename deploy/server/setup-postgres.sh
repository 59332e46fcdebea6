#!/usr/bin/env bash
# Create the PostgreSQL role and database of MPP Central, then its tables (docs/server.md).
#
#   sudo -u postgres deploy/server/setup-postgres.sh [ROLE] [DATABASE]
#   PGHOST=db.local PGUSER=postgres deploy/server/setup-postgres.sh mpp_central mpp_central
#
# Runs as a PostgreSQL superuser (the postgres system user over the local socket, or PGHOST,
# PGPORT and PGUSER as psql reads them). Idempotent: an existing role or database is kept.
# MPP_CENTRAL_BIN names the mpp-central command (default: the one on PATH, else
# /opt/mpp-central/venv/bin/mpp-central). MPP_CENTRAL_PASSWORD, if set, gives the role that
# password (for TCP connections); without it the role logs in by peer or trust rules.
# Prints the database URL to put in /etc/mpp-central/central.env.
set -euo pipefail
ROLE=${1:-mpp_central}
DATABASE=${2:-mpp_central}
for name in "$ROLE" "$DATABASE"; do
  if [[ ! $name =~ ^[a-z_][a-z0-9_]{0,62}$ ]]; then
    echo "error: '$name' is not a plain PostgreSQL name (a-z, 0-9, _)" >&2
    exit 2
  fi
done
BIN=${MPP_CENTRAL_BIN:-$(command -v mpp-central || echo /opt/mpp-central/venv/bin/mpp-central)}
PSQL=(psql -v ON_ERROR_STOP=1 -X -q -d postgres)

if [[ $("${PSQL[@]}" -tAc "SELECT 1 FROM pg_roles WHERE rolname = '$ROLE'") != 1 ]]; then
  "${PSQL[@]}" -c "CREATE ROLE \"$ROLE\" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE"
  echo "created role $ROLE"
fi
if [[ -n ${MPP_CENTRAL_PASSWORD:-} ]]; then
  "${PSQL[@]}" -v pw="$MPP_CENTRAL_PASSWORD" -c "ALTER ROLE \"$ROLE\" PASSWORD :'pw'"
fi
if [[ $("${PSQL[@]}" -tAc "SELECT 1 FROM pg_database WHERE datname = '$DATABASE'") != 1 ]]; then
  "${PSQL[@]}" -c "CREATE DATABASE \"$DATABASE\" OWNER \"$ROLE\" ENCODING 'UTF8' TEMPLATE template0"
  echo "created database $DATABASE owned by $ROLE"
fi
# Only the owner may create objects in the database's public schema.
"${PSQL[@]}" -d "$DATABASE" -c "REVOKE CREATE ON SCHEMA public FROM PUBLIC" \
  -c "ALTER SCHEMA public OWNER TO \"$ROLE\""

HOST_PART=${PGHOST:-}
if [[ -n $HOST_PART && $HOST_PART != /* ]]; then
  HOST_PART="$HOST_PART${PGPORT:+:$PGPORT}"
else
  HOST_PART=""
fi
URL="postgresql://$ROLE@$HOST_PART/$DATABASE"
MPP_CENTRAL_DATABASE="$URL" "$BIN" migrate
echo "MPP_CENTRAL_DATABASE=$URL"
