#!/bin/bash
# One HTTP request on stdin/stdout (socat runs this per connection). GET /count adds one to a counter kept in
# the bound service and answers the new value; GET /_ping answers 200 (health). The service is found from the
# variables a binding injects: REDIS_URL (Redis), DATABASE_URL postgres://… (PostgreSQL) or mysql://… with the
# DATABASE_* parts (MariaDB).
read -r method path _
while IFS= read -r line && [[ $line != $'\r' && -n $line ]]; do :; done

respond() {
  printf 'HTTP/1.1 %s\r\nContent-Type: text/plain\r\nContent-Length: %d\r\nConnection: close\r\n\r\n%s' \
    "$1" "$((${#2} + 1))" "$2"$'\n'
}

count() {
  if [[ -n ${REDIS_URL:-} ]]; then
    redis-cli --no-auth-warning -u "$REDIS_URL" INCR count
  elif [[ ${DATABASE_URL:-} == postgres* ]]; then
    # Notices ("relation … already exists, skipping") would land in the answer.
    PGOPTIONS='-c client_min_messages=warning' psql "$DATABASE_URL" -qtAX -v ON_ERROR_STOP=1 -c 'CREATE TABLE IF NOT EXISTS counter (id int PRIMARY KEY, n bigint NOT NULL)' \
      -c 'INSERT INTO counter VALUES (1, 1) ON CONFLICT (id) DO UPDATE SET n = counter.n + 1 RETURNING n'
  elif [[ ${DATABASE_URL:-} == mysql* ]]; then
    MYSQL_PWD=$DATABASE_PASSWORD mariadb -h "$DATABASE_HOST" -P "$DATABASE_PORT" -u "$DATABASE_USER" -N -B "$DATABASE_NAME" -e \
      'CREATE TABLE IF NOT EXISTS counter (id int PRIMARY KEY, n bigint NOT NULL);
       INSERT INTO counter VALUES (1, 1) ON DUPLICATE KEY UPDATE n = n + 1;
       SELECT n FROM counter WHERE id = 1'
  else
    echo "no service bound (REDIS_URL or DATABASE_URL)" >&2
    return 1
  fi
}

case "$method $path" in
  "GET /_ping") respond "200 OK" "OK" ;;
  "GET /count")
    if n=$(count 2>&1) && [[ $n =~ ^[0-9]+$ ]]; then
      respond "200 OK" "$n"
    else
      respond "503 Service Unavailable" "${n:0:300}"
    fi ;;
  *) respond "404 Not Found" "not found" ;;
esac
