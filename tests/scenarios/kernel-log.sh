# shellcheck shell=bash
# What the kernel says when something is broken, for the host's verdict
# (tests/qemu/common.sh judge()) and for scenarios that check the log
# themselves after a phase (lib.sh dmesg_clean). Sourced, never run.

# shellcheck disable=SC2034  # used by the scripts that source this file
# Kernel log lines that fail a scenario: the five of the issue, and the
# other ways a kernel reports a bug or a leak without those words.
vw_bad_dmesg='\bBUG\b|WARNING|Oops|refcount|hung task|general protection fault|Kernel panic'
vw_bad_dmesg+='|unregister_netdevice: waiting|list_(add|del) corruption|UBSAN|KASAN'
vw_bad_dmesg+='|soft lockup|hard LOCKUP|rcu_.*detected stall'
# What slub_debug and KFENCE report (run-guest.sh turns them on for one
# series): most of it starts with "BUG", the rest is here in case a kernel
# words it otherwise.
vw_bad_dmesg+='|KFENCE: |Redzone|Poison overwritten|Object padding|Freepointer corrupt'
vw_bad_dmesg+='|Object already free'
