#!/bin/sh
# Berth's Redis image: data (append-only file, RDB snapshots, ACL users) on the volume at /data, the default
# user's password set from BERTH_ADMIN_PASSWORD at every start. A restore leaves /data/restore.rdb: it replaces
# the data before the server starts (the append-only file is dropped, so the snapshot is what loads; Berth turns
# append-only back on once the server answers).
set -eu
: "${BERTH_ADMIN_PASSWORD:?BERTH_ADMIN_PASSWORD is needed}"
mkdir -p /data
acl=/data/users.acl
touch "$acl"
grep -v '^user default ' "$acl" >"$acl.new" || true
printf 'user default on >%s ~* &* +@all\n' "$BERTH_ADMIN_PASSWORD" >>"$acl.new"
mv "$acl.new" "$acl"
appendonly=yes
if [ -f /data/restore.rdb ]; then
  rm -rf /data/appendonlydir
  mv /data/restore.rdb /data/dump.rdb
  appendonly=no
fi
chown -R redis:redis /data
unset BERTH_ADMIN_PASSWORD
exec setpriv --reuid=redis --regid=redis --init-groups \
  redis-server --dir /data --aclfile "$acl" --appendonly "$appendonly" --appendfsync always \
  --protected-mode no --bind 0.0.0.0 --port 6379
