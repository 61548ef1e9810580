#!/bin/bash
# The classic denylist flow of the vwifi README, then the same with the
# deny subcommands. The tool runs in init_net, the radios are elsewhere.
#
#   ns0                       ns1                       ns2
#  +--------------------+    +--------------------+    +--------------------+
#  | vw0  AP  10.0.0.1  |    | vw1  STA 10.0.0.2  |    | vw2  STA 10.0.0.3  |
#  | hostapd, open, ch 6|    | wpa_supplicant     |    | wpa_supplicant     |
#  +---------+----------+    +---------+----------+    +---------+----------+
#            +------------ air: 2437 MHz (channel 6) ------------+
#
# Asserts: ping vw1 -> vw2 0% loss; "vwifi-tool -d vw2 -s vw1" prints the
# classic lines and then the ping loses 100% (vw2 drops vw1's frames even
# relayed by the AP), while vw1 -> AP still works; deny list shows the
# pair; "vwifi-tool -c" prints the classic lines and the ping is back to
# 0%; deny add/del do the same; the denied frames show in vw2's counters.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

bss_of_two hostapd-open.conf wpa_supplicant-open.conf
ping_ok ns1 10.0.0.3

# The classic tool, word for word.
printf '+ %s -d vw2 -s vw1\n' "$VW_TOOL"
out=$("$VW_TOOL" -d vw2 -s vw1) || fail "vwifi-tool -d vw2 -s vw1 failed"
printf '%s\n' "$out"
[ "$out" = "vwifi status : live
denylist:
vw2 denys vw1
Configuring denylist for vwifi...
Message from vwifi: vwifi has received your denylist" ] || fail "vwifi-tool -d vw2 -s vw1 printed other lines"
assert_grep '^vw2 +vw1$' "$VW_TOOL" deny list
assert_grep '"receiver": "vw2"' "$VW_TOOL" deny list --json

ping_fails ns1 10.0.0.3 5
ping_ok ns1 10.0.0.1
assert_grep '"rx_denied": [1-9]' "$VW_TOOL" radio list vw2 --json
# Loading the same pair again is fine, as it was.
vt -d vw2 -s vw1

printf '+ %s -c\n' "$VW_TOOL"
out=$("$VW_TOOL" -c) || fail "vwifi-tool -c failed"
printf '%s\n' "$out"
[ "$out" = "vwifi status : live
Unset denylist for vwifi...
Configuring denylist for vwifi...
Message from vwifi: vwifi has received your denylist" ] || fail "vwifi-tool -c printed other lines"
assert_no_grep 'vw1' "$VW_TOOL" deny list
ping_ok ns1 10.0.0.3

# The same with the subcommands, from a station's namespace.
vt_in ns1 deny add vw2 vw1
ping_fails ns1 10.0.0.3 5
vt_in ns2 deny del vw2 vw1
ping_ok ns1 10.0.0.3
vt deny add vw1 vw2
vt deny add vw_phy0 vw2
assert_grep '^vw1 +vw2$' "$VW_TOOL" deny list
assert_grep '^vw0 +vw2$' "$VW_TOOL" deny list
ping_fails ns2 10.0.0.2 3
vt deny clear
assert_no_grep 'vw' "$VW_TOOL" deny list
ping_ok ns2 10.0.0.2
