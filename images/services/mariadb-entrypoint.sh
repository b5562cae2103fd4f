#!/bin/sh
# Berth's MariaDB image: initialise the data directory on the volume on first start, then run the server in
# the foreground. BERTH_ADMIN_PASSWORD is root@'%''s password, applied at every start (root@localhost keeps
# socket authentication, which `docker exec` backups use).
set -eu
DATADIR=/var/lib/mysql
: "${BERTH_ADMIN_PASSWORD:?BERTH_ADMIN_PASSWORD is needed}"
# The server package's own set-up (which would add the user) is not in the image: only the server's core is.
id mysql >/dev/null 2>&1 || useradd --system --user-group --no-create-home --home-dir "$DATADIR" mysql
mkdir -p "$DATADIR" /run/mysqld
chown mysql:mysql "$DATADIR" /run/mysqld
if [ ! -d "$DATADIR/mysql" ]; then
  mariadb-install-db --user=mysql --datadir="$DATADIR" --skip-test-db --skip-name-resolve >/dev/null
fi
init=/run/mysqld/init.sql
umask 077
cat >"$init" <<SQL
CREATE USER IF NOT EXISTS 'root'@'%' IDENTIFIED BY '$BERTH_ADMIN_PASSWORD';
ALTER USER 'root'@'%' IDENTIFIED BY '$BERTH_ADMIN_PASSWORD';
GRANT ALL PRIVILEGES ON *.* TO 'root'@'%' WITH GRANT OPTION;
SQL
chown mysql "$init"
unset BERTH_ADMIN_PASSWORD
exec mariadbd --user=mysql --datadir="$DATADIR" --socket=/run/mysqld/mysqld.sock --bind-address=0.0.0.0 \
  --port=3306 --skip-name-resolve --init-file="$init" --innodb-buffer-pool-size="${BERTH_BUFFER_POOL:-64M}"
