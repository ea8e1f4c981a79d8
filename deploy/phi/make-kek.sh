#!/usr/bin/env bash
# Makes the key-encryption key (KEK) of PHI encryption for docker-compose or Kubernetes
# (docs/security.md "Patient data at rest", docs/deploying.md): in DIR, kek-password (a random
# password, one line) and kek.p12 (a PKCS12 keystore holding one AES-256 key, alias kek-1, protected
# by that password), both readable by you alone. keytool is the JDK's.
#
#   deploy/phi/make-kek.sh DIR                # a new KEK; refuses to overwrite one
#   deploy/phi/make-kek.sh --rotate DIR       # adds kek-<n+1> to DIR/kek.p12: new data keys are wrapped with it
#
# Every service must get the same two files (they unwrap each other's data keys). Losing them loses
# every sealed field of every patient: keep a copy where your other secrets' backups are. Never
# commit them. After a rotation, once every service runs with the new keystore:
#   rxflow rewrap-patient-keys --kek-keystore DIR/kek.p12 --kek-password-file DIR/kek-password --retire-older ...
set -euo pipefail

rotate=false
if [[ "${1:-}" == "--rotate" ]]; then
  rotate=true
  shift
fi
dir="${1:?usage: make-kek.sh [--rotate] DIR}"
keystore="$dir/kek.p12"
password="$dir/kek-password"
umask 077

aliases() {
  keytool -list -storetype PKCS12 -keystore "$keystore" -storepass:file "$password" \
    | sed -n 's/^\(kek-[0-9][0-9]*\),.*/\1/p'
}

if [[ "$rotate" == true ]]; then
  [[ -f "$keystore" && -f "$password" ]] || { echo "make-kek.sh: no $keystore and $password to rotate" >&2; exit 1; }
  last="$(aliases | sed 's/^kek-//' | sort -n | tail -1)"
  alias="kek-$((last + 1))"
else
  if [[ -e "$keystore" || -e "$password" ]]; then
    echo "make-kek.sh: $dir already holds a KEK; refusing to replace it (that would make every sealed field unreadable)" >&2
    exit 1
  fi
  mkdir -p "$dir"
  chmod 700 "$dir"
  # 24 random bytes as 48 hex digits
  od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$password"
  printf '\n' >> "$password"
  alias=kek-1
fi

# PKCS12: the key's password is the keystore's
keytool -genseckey -alias "$alias" -keyalg AES -keysize 256 -storetype PKCS12 \
  -keystore "$keystore" -storepass:file "$password" 2> /dev/null
chmod 600 "$keystore" "$password"
echo "$keystore: $(aliases | sort -t- -k2 -n | tr '\n' ' ')(the highest wraps new data keys)"
