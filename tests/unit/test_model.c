// SPDX-License-Identifier: GPL-2.0
/*
 * Propagation model: the integer log-distance path loss agrees with the
 * floating point formula, is monotonic, and clamps.
 */
#include <math.h>
#include <stdint.h>

#include "check.h"
#include "vw_core.h"

#define M(x) ((u32)((x) * 100))	/* metres to the model's centimetres */

static double reference_loss(u32 distance_cm, int exponent_x10)
{
	double d = distance_cm < 100 ? 1.0 : distance_cm / 100.0;

	return 40.0 + exponent_x10 * log10(d);
}

static void test_reference_points(void)
{
	int tx;

	for (tx = -10; tx <= 30; tx += 5) {
		CHECK_EQ(vw_model_signal_dbm(tx, M(1), 20), tx - 40);
		CHECK(abs(vw_model_signal_dbm(tx, M(10), 20) - (tx - 60)) <= 1);
		CHECK(abs(vw_model_signal_dbm(tx, M(100), 20) - (tx - 80)) <= 1);
	}
	/* exact in fact, the log of a power of ten has no rounding to hide */
	CHECK_EQ(vw_model_signal_dbm(20, M(10), 20), -40);
	CHECK_EQ(vw_model_signal_dbm(20, M(100), 20), -60);
	CHECK_EQ(vw_model_signal_dbm(0, M(10), 30), -70);
	CHECK_EQ(vw_model_signal_dbm(0, M(1000), 20), -100);
}

static void test_under_one_metre(void)
{
	static const u32 cms[] = { 0, 1, 50, 99, 100 };
	size_t i;

	for (i = 0; i < sizeof(cms) / sizeof(cms[0]); i++)
		CHECK_EQ(vw_model_signal_dbm(15, cms[i], 35), 15 - 40);
}

/* Within 0.5 dB of the exact formula, plus the final rounding. */
static void test_accuracy(void)
{
	static const int exps[] = { 10, 20, 27, 35, 40, 60 };
	size_t i;
	double d;

	for (i = 0; i < sizeof(exps) / sizeof(exps[0]); i++) {
		for (d = 100; d < 4.2e9; d = d * 1.07 + 1) {
			double want = 0 - reference_loss((u32)d, exps[i]);
			int got = vw_model_signal_dbm(0, (u32)d, exps[i]);

			if (want < -127)
				break;
			if (fabs(got - want) > 0.5 + 1e-3) {
				printf("FAIL %s: %u cm n=%d: got %d, want %.3f\n",
				       check_case, (u32)d, exps[i], got, want);
				check_case_failed = 1;
			}
		}
	}
}

static void test_monotonic(void)
{
	static const int exps[] = { 0, 15, 20, 33, 50 };
	size_t i;
	u64 d;

	for (i = 0; i < sizeof(exps) / sizeof(exps[0]); i++) {
		int prev = vw_model_signal_dbm(20, 0, exps[i]);

		for (d = 1; d <= 0xffffffffull; d = d * 9 / 8 + 1) {
			int s = vw_model_signal_dbm(20, (u32)d, exps[i]);

			if (s > prev) {
				printf("FAIL %s: rises at %llu cm n=%d\n",
				       check_case, (unsigned long long)d,
				       exps[i]);
				check_case_failed = 1;
			}
			prev = s;
		}
		CHECK(vw_model_signal_dbm(20, 0xffffffffu, exps[i]) <= prev);
	}
}

static void test_clamp(void)
{
	CHECK_EQ(vw_model_signal_dbm(127, M(1), 20), 87);
	CHECK_EQ(vw_model_signal_dbm(300, M(1), 20), 127);
	CHECK_EQ(vw_model_signal_dbm(-100, M(10000), 20), -127);
	CHECK_EQ(vw_model_signal_dbm(-2147483647 - 1, 0xffffffffu, 1000), -127);
	CHECK_EQ(vw_model_signal_dbm(2147483647, 0, 20), 127);
	CHECK_EQ(vw_model_signal_dbm(0, 0xffffffffu, 2147483647), -127);
}

/* A zero or negative exponent means no loss beyond the reference. */
static void test_flat_exponent(void)
{
	CHECK_EQ(vw_model_signal_dbm(10, M(500), 0), -30);
	CHECK_EQ(vw_model_signal_dbm(10, M(500), -20), -30);
}

/* Positions in millimetres, distance in centimetres, exact for squares. */
static void test_distance(void)
{
	const int32_t o[3] = { 0, 0, 0 };
	const int32_t a[3] = { 3000, 4000, 0 };		/* 5 m */
	const int32_t b[3] = { 6000, 8000, 12000 };	/* 13 m from a */
	const int32_t far[3] = { INT32_MAX, INT32_MAX, INT32_MAX };
	const int32_t near[3] = { INT32_MIN, INT32_MIN, INT32_MIN };
	double want = sqrt(3.0) * ((double)INT32_MAX - INT32_MIN) / 10.0;

	CHECK_EQ(vw_model_distance_cm(o, o), 0);
	CHECK_EQ(vw_model_distance_cm(o, a), 500);
	CHECK_EQ(vw_model_distance_cm(a, o), 500);
	CHECK_EQ(vw_model_distance_cm(a, b), 1300);
	/* the largest distance neither overflows nor wraps */
	CHECK(fabs(vw_model_distance_cm(far, near) - want) < 2.0);
}

int main(void)
{
	RUN(test_distance);
	RUN(test_reference_points);
	RUN(test_under_one_metre);
	RUN(test_accuracy);
	RUN(test_monotonic);
	RUN(test_clamp);
	RUN(test_flat_exponent);
	return check_summary("test_model");
}
