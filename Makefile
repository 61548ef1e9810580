# vwifi top-level build.
#   make            build vwifi.ko against this host's kernel (or KDIR=...)
#                   and tool/vwifi-tool, medium/vwifi-medium
#   make check      unit tests + every scenario in QEMU on Debian 6.1 and 6.12
#   make check-vm   the cross-VM scenarios make check leaves out (guests joined
#                   through vwifi-medium or a bridge), 6.1 and 6.12
#   make demo       boot a guest and run the classic AP + two stations walkthrough
#   make unit       user-space unit tests of the shared core only
#   make tool-check unit tests of vwifi-tool (no module needed)
#   make medium-check unit and loopback tests of vwifi-medium (no module needed)
#   make lint       sparse and W=1 warnings over the driver (needs sparse)
#   make bench      vwifi beside mac80211_hwsim and veth in one QEMU guest, and
#                   vwifi-medium on loopback; table in build/bench/results.md

KVER ?= $(shell uname -r)
KDIR ?= $(firstword $(wildcard /lib/modules/$(KVER)/build) \
		    $(lastword $(sort $(wildcard /usr/src/linux-headers-*-amd64))))

.PHONY: all module tool tool-check medium medium-check unit check check-vm demo clean lint bench

all: module tool medium

module:
	@test -n "$(KDIR)" || { echo "error: no kernel headers found; set KDIR=" >&2; exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR)/driver modules
	cp driver/vwifi.ko vwifi.ko

tool:
	$(MAKE) -C tool

tool-check:
	$(MAKE) -C tool check

medium:
	$(MAKE) -C medium

medium-check:
	$(MAKE) -C medium check

unit:
	$(MAKE) -C tests/unit run

# The tool goes into the guests when built; without libnl its scenarios skip.
check:
	-$(MAKE) -C tool
	-$(MAKE) -C medium
	tests/check.sh

check-vm:
	-$(MAKE) -C tool
	-$(MAKE) -C medium
	tests/check-vm.sh

demo:
	tests/demo.sh

# not part of check: figures, never assertions (bench/run.sh for settings)
bench:
	bench/run.sh

clean:
	-$(MAKE) -C $(KDIR) M=$(CURDIR)/driver clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C medium clean
	$(MAKE) -C tool clean
	rm -rf build vwifi.ko

# sparse (and W=1) over the driver and the core it compiles in
lint:
	rm -rf build/lint && mkdir -p build/lint && cp -r driver core include build/lint/
	$(MAKE) -C $(KDIR) M=$(CURDIR)/build/lint/driver C=2 W=1 modules 2>&1 | tee build/lint/log
	@! grep -E "warning|error" build/lint/log
