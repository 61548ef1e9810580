// SPDX-License-Identifier: GPL-2.0
/*
 * vwifi module entry: the ordered init/uninit ladder and nothing else.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <net/genetlink.h>

#include "vwifi.h"

static int station = 3;
module_param(station, int, 0444);
MODULE_PARM_DESC(station, "Number of radios created at load (default 3)");

struct workqueue_struct *vw_wq;

static int __init vw_init(void)
{
	int err;

	if (station < 0 || station > 1000) {
		pr_err("station=%d out of range 0..1000\n", station);
		return -EINVAL;
	}

	vw_wq = alloc_workqueue(VW_NAME, WQ_UNBOUND | WQ_MEM_RECLAIM, 0);
	if (!vw_wq)
		return -ENOMEM;
	vw_crypto_init();

	err = vw_radios_init(station);
	if (err)
		goto err_destroy_wq;

	err = vw_transport_init();
	if (err)
		goto err_uninit_radios;

	err = vw_netlink_init();
	if (err)
		goto err_uninit_transport;

	pr_info("loaded with %d radios\n", station);
	return 0;

err_uninit_transport:
	vw_transport_uninit();
err_uninit_radios:
	vw_radios_uninit();
	vw_model_uninit();
	rcu_barrier();
err_destroy_wq:
	vw_crypto_uninit();
	destroy_workqueue(vw_wq);
	return err;
}

static void __exit vw_exit(void)
{
	vw_netlink_uninit();
	vw_transport_uninit();
	vw_radios_uninit();
	vw_model_uninit();
	/* peers and keys are freed by RCU works queued on vw_wq */
	rcu_barrier();
	vw_crypto_uninit();
	destroy_workqueue(vw_wq);
	pr_info("unloaded\n");
}

module_init(vw_init);
module_exit(vw_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Virtual Wi-Fi radios with a modelled air (cfg80211 FullMAC)");
MODULE_ALIAS_GENL_FAMILY("vwifi");
