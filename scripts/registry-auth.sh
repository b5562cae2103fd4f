#!/usr/bin/env bash
# Make, once, the keys Berth's private registry needs (openssl), in DIR (default $BERTH_RUN/registry-auth):
#   signing.key   P-256 private key Berth signs registry tokens with (mode 0600; Berth's RegistrySigningKey)
#   signing.crt   self-signed certificate of its public half (the registry's auth.token.rootcertbundle)
# With --tls HOST, also a CA and a server certificate for HOST (an IP or a DNS name), for a registry served
# over TLS on a non-loopback address:
#   ca.crt, ca.key                  the CA; every Docker host trusts it as /etc/docker/certs.d/HOST:PORT/ca.crt
#   registry-HOST.crt, .key         the registry's certificate and key
# Existing files are kept: a new signing key would need a registry restart to be trusted.
#
# Usage: scripts/registry-auth.sh [--dir DIR] [--tls HOST]
set -euo pipefail
source "$(dirname "$0")/lib.sh"

dir="$BERTH_RUN/registry-auth"
tls_host=""
while (($#)); do
  case $1 in
    --dir) dir=${2:?--dir needs a folder}; shift 2 ;;
    --tls) tls_host=${2:?--tls needs a host name or IP}; shift 2 ;;
    -h | --help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument '$1' (usage: $0 [--dir DIR] [--tls HOST])" ;;
  esac
done

need openssl "apt-get install openssl"
mkdir -p "$dir"
chmod 700 "$dir"
# Two starts at once must not make two different keys.
exec 8>"$dir/.lock"
flock -w 60 8 || die "timed out waiting for $dir/.lock"

# new_key FILE: a P-256 private key in PKCS#8 PEM, readable by its owner only, written atomically.
new_key() {
  local tmp
  tmp=$(mktemp "$1.XXXXXX")
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$tmp" 2>/dev/null || die "openssl could not make a key"
  chmod 600 "$tmp"
  mv -f "$tmp" "$1"
}

if [[ ! -s $dir/signing.key || ! -s $dir/signing.crt ]]; then
  log "making the registry token signing key in $dir"
  new_key "$dir/signing.key"
  tmp=$(mktemp "$dir/signing.crt.XXXXXX")
  openssl req -new -x509 -key "$dir/signing.key" -out "$tmp" -days 3650 -subj "/CN=Berth registry token signer" 2>/dev/null ||
    die "openssl could not make the signing certificate"
  chmod 644 "$tmp"
  mv -f "$tmp" "$dir/signing.crt"
else
  log "registry token signing key present in $dir"
fi

[[ -n $tls_host ]] || exit 0

if [[ ! -s $dir/ca.key || ! -s $dir/ca.crt ]]; then
  log "making the registry CA in $dir"
  new_key "$dir/ca.key"
  openssl req -new -x509 -key "$dir/ca.key" -out "$dir/ca.crt" -days 3650 -subj "/CN=Berth registry CA" \
    -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null ||
    die "openssl could not make the CA certificate"
fi

crt="$dir/registry-$tls_host.crt"
if [[ ! -s $crt ]]; then
  log "making a TLS certificate for $tls_host signed by $dir/ca.crt"
  if [[ $tls_host =~ ^[0-9.]+$ || $tls_host == *:* ]]; then san="IP:$tls_host"; else san="DNS:$tls_host"; fi
  new_key "$dir/registry-$tls_host.key"
  csr=$(mktemp "$dir/csr.XXXXXX")
  ext=$(mktemp "$dir/ext.XXXXXX")
  trap 'rm -f "$csr" "$ext"' EXIT
  printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth\nkeyUsage=critical,digitalSignature\n' "$san" >"$ext"
  openssl req -new -key "$dir/registry-$tls_host.key" -out "$csr" -subj "/CN=$tls_host" 2>/dev/null ||
    die "openssl could not make the certificate request"
  openssl x509 -req -in "$csr" -CA "$dir/ca.crt" -CAkey "$dir/ca.key" -CAcreateserial -out "$crt" -days 825 -extfile "$ext" 2>/dev/null ||
    die "openssl could not sign the certificate for $tls_host"
fi
log "TLS for $tls_host: $crt; trust $dir/ca.crt on every Docker host as /etc/docker/certs.d/$tls_host:PORT/ca.crt"
