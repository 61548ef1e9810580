// SPDX-License-Identifier: GPL-2.0
/* The shared core, compiled into the module (see core/). */
#include "vw_cipher.c"
