#!/bin/bash
# vwifi-tool against the real driver: the classic status line, listings in
# both formats from any network namespace, and the kernel's refusals
# printed as "kernel reports: ...".
#
#   init_net                     ns1
#  +------------------------+   +------------------------+
#  | vw0 (vw_phy0)          |   | vw1 (vw_phy1)          |
#  | vwifi-tool runs here   |   | vwifi-tool runs here   |
#  +------------------------+   +------------------------+
#
# Asserts: "vwifi status : not loaded" (exit 1) before insmod and after
# rmmod, "vwifi status : live" (exit 0) in between; radio list shows both
# radios with their wiphys and MACs, in init_net and in ns1 alike; --json is
# valid JSON with the stable keys; model show; the Ethernet transport
# attached to a veth and detached; refusals for an unknown radio, an
# out-of-range tx power, loss and exponent, a bad transport come back with
# the kernel's message and exit 1; bad arguments exit 2 before any request.
# shellcheck source-path=SCRIPTDIR source=lib.sh
. "$(dirname "$0")/lib.sh"
# shellcheck source-path=SCRIPTDIR source=tool-lib.sh
. "$(dirname "$0")/tool-lib.sh"

[ ! -d /sys/module/vwifi ] || fail "vwifi is already loaded"
vt_expect 1 '^vwifi status : not loaded$'
vt_expect 1 '"status": "not loaded"' status --json
vt_expect 1 'vwifi is not loaded' radio list

load_vwifi 2
put_in_netns vw_phy1 ns1

vt_expect 0 '^vwifi status : live$'
vt_expect 0 '^vwifi status : live$' status
vt_expect 0 '"status": "live"' status --json

mac0=$(cat /sys/class/net/vw0/address)
mac1=$(mac_of ns1 vw1)
# Every radio, whichever namespace asks.
assert_grep "^vw0 +vw_phy0 +$mac0 +managed " "$VW_TOOL" radio list
assert_grep "^vw1 +vw_phy1 +$mac1 +managed " "$VW_TOOL" radio list
assert_grep "^vw0 +vw_phy0 +$mac0 " ip netns exec ns1 "$VW_TOOL" radio list
assert_grep "^vw1 +vw_phy1 +$mac1 " ip netns exec ns1 "$VW_TOOL" radio list
# One radio by interface or wiphy name.
assert_grep "^vw1 +vw_phy1 " "$VW_TOOL" radio list vw1
assert_grep "^vw1 +vw_phy1 " "$VW_TOOL" radio list vw_phy1

vt_out radio list --json >"$VW_DIR/radios.json"
cat "$VW_DIR/radios.json"
json_ok "$VW_DIR/radios.json"
for key in name wiphy id mac mode iftype freq position position_mm txpower \
	stats tx_frames rx_frames rx_denied rx_lost rx_malformed dropped; do
	grep -q "\"$key\": " "$VW_DIR/radios.json" || fail "radio list --json has no \"$key\""
done
grep -q "\"mac\": \"$mac1\"" "$VW_DIR/radios.json" || fail "radio list --json lacks vw1's MAC"

vt model show
vt_out model show --json >"$VW_DIR/model.json"
json_ok "$VW_DIR/model.json"
grep -qE '"path_loss_exponent": [0-9]+\.[0-9]' "$VW_DIR/model.json" || fail "no exponent in model show --json"
vt deny list
vt link list

# The Ethernet transport: none, then a veth, then none again.
assert_grep '^- ' "$VW_TOOL" transport
pp ip link add vt0 type veth peer name vt1
vt transport attach vt0
assert_grep '^vt0 ' "$VW_TOOL" transport show
vt_out transport show --json >"$VW_DIR/transport.json"
json_ok "$VW_DIR/transport.json"
grep -q '"interface": "vt0"' "$VW_DIR/transport.json" || fail "transport show --json does not name vt0"
vt_expect 1 '^vwifi-tool: kernel reports: ' transport attach nosuch0
vt_expect 1 '^vwifi-tool: kernel reports: ' transport attach vw0
vt transport detach
assert_grep '^- ' "$VW_TOOL" transport
pp ip link del vt0

# The kernel refuses; the tool says why, on one line, exit 1.
vt_expect 1 '^vwifi-tool: kernel reports: .*\(radio\)' radio set vw9 txpower 5
vt_expect 1 '^vwifi-tool: kernel reports: .*\(txpower: -10\.\.40\)' radio set vw0 txpower 100
vt_expect 1 '^vwifi-tool: kernel reports: .*\(loss: 0\.\.100\)' link set vw0 vw1 loss 101
vt_expect 1 '^vwifi-tool: kernel reports: ' model set exponent 9.0
vt_expect 1 '^vwifi-tool: kernel reports: ' deny add vw0 vw0
vt_expect 1 '^vwifi-tool: kernel reports: ' deny del vw0 vw1
# Nothing reaches the kernel with bad arguments.
vt_expect 2 "not a number of metres" radio set vw0 position 1 2 three
vt_expect 2 "unknown command" radio frobnicate
assert_grep '"txpower": 20,' "$VW_TOOL" radio list vw0 --json

unload_driver
vt_expect 1 '^vwifi status : not loaded$'
