#!/usr/bin/env bash
# Signs Windows programs and installers in place (Authenticode, SHA-256)
# with osslsigncode, when a certificate is given:
#
#   packaging/windows/sign.sh FILE...
#
# Environment (make package passes its variables of the same names):
#   SIGN_CERT           the certificate: a PKCS#12 file (.p12, .pfx) holding
#                       the key too, or a PEM/DER certificate (chain) with SIGN_KEY
#   SIGN_KEY            the private key (PEM/DER), when SIGN_CERT is not PKCS#12
#   SIGN_PASS_FILE      a file holding the password of the key or PKCS#12
#   SIGN_PASS           the password itself, from the environment (never put
#                       it on a command line: every user's `ps` shows those)
#   SIGN_TIMESTAMP_URL  an RFC 3161 timestamp server, so the signature stays
#                       valid after the certificate expires (optional)
#   SIGN_NAME, SIGN_URL the description and link Windows' prompt shows
# Without SIGN_CERT it signs nothing and exits 0: package.sh says then that
# the build is unsigned.
set -euo pipefail

[[ -n "${SIGN_CERT:-}" ]] || exit 0
args=(sign -h sha256)
case "$SIGN_CERT" in
  *.p12 | *.pfx | *.P12 | *.PFX) args+=(-pkcs12 "$SIGN_CERT") ;;
  *)
    [[ -n "${SIGN_KEY:-}" ]] || { echo "sign: SIGN_CERT=$SIGN_CERT is not a .p12/.pfx, so SIGN_KEY must name its key" >&2; exit 2; }
    args+=(-certs "$SIGN_CERT" -key "$SIGN_KEY")
    ;;
esac
[[ -n "${SIGN_NAME:-}" ]] && args+=(-n "$SIGN_NAME")
[[ -n "${SIGN_URL:-}" ]] && args+=(-i "$SIGN_URL")
[[ -n "${SIGN_TIMESTAMP_URL:-}" ]] && args+=(-ts "$SIGN_TIMESTAMP_URL")

sign_one() { # FILE [password option]
  local f=$1
  shift
  if ! osslsigncode "${args[@]}" "$@" -in "$f" -out "$f.signed" >/dev/null; then
    rm -f "$f.signed"
    echo "sign: could not sign $f" >&2
    return 1
  fi
  mv -f "$f.signed" "$f"
}

for f in "$@"; do
  if [[ -n "${SIGN_PASS_FILE:-}" ]]; then
    sign_one "$f" -readpass "$SIGN_PASS_FILE"
  elif [[ -n "${SIGN_PASS:-}" ]]; then
    # A pipe only osslsigncode reads: printf is bash's own, so the password
    # is in no process's arguments and in no file.
    sign_one "$f" -readpass <(printf %s "$SIGN_PASS")
  else
    sign_one "$f"
  fi
done
