#!/bin/bash
# A station with the wrong passphrase: it may associate, but the 4-way
# handshake fails, the port stays closed and no data passes.
#
#   ns0                          ns1
#  +-----------------------+    +---------------------------+
#  | vw0  AP  10.0.0.1     |    | vw1  STA  10.0.0.2        |
#  | WPA2-PSK "12345678"   |    | psk "wrongpassword"       |
#  +-----------+-----------+    +-------------+-------------+
#              +------ air: 2437 MHz ---------+
#
# Asserts: hostapd logs the failed handshake (possible PSK mismatch, MIC
# failure or EAPOL-Key timeout), wpa_supplicant never reaches COMPLETED, the
# station is never authorized at the AP, and ping fails.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"

radios_in_netns 2

start_ap ns0 vw0 hostapd-wpa2.conf
sed 's/psk="12345678"/psk="wrongpassword"/' "$VW_EXAMPLES/wpa_supplicant.conf" >"$VW_DIR/wrong.conf"
grep -q 'psk="wrongpassword"' "$VW_DIR/wrong.conf" || fail "could not make the wrong-passphrase config"
start_sta ns1 vw1 "$VW_DIR/wrong.conf"

hlog=$VW_DIR/hostapd-vw0.log
slog=$VW_DIR/wpa_supplicant-vw1.log
mismatch='AP-STA-POSSIBLE-PSK-MISMATCH|EAPOL-Key timeout|invalid MIC|MIC failure|4-Way Handshake failed'
log "waiting for hostapd to report the failed handshake"
wait_for 60 grep -qE "$mismatch" "$hlog" || fail "hostapd logged no failed handshake"
assert_file_grep "$mismatch" "$hlog"

# While the station keeps retrying, it must never complete nor be authorized.
for _ in 1 2 3; do
	assert_no_grep '^wpa_state=COMPLETED' wpa_cli_ns ns1 vw1 status
	assert_no_grep 'AUTHORIZED' hostapd_cli_ns ns0 vw0 all_sta
	ping_fails ns1 10.0.0.1
done
[ "$(count_in "$slog" 'CTRL-EVENT-CONNECTED')" = 0 ] || fail "wpa_supplicant reported a connection"
[ "$(count_in "$hlog" 'AP-STA-CONNECTED')" = 0 ] || fail "hostapd reported a connected station"
assert_file_grep 'WRONG_KEY|4-Way Handshake failed|pre-shared key may be incorrect|CTRL-EVENT-DISCONNECTED' "$slog"
