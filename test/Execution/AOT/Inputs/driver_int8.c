/*===- driver_int8.c - Runs one tconv-aot compiled quantized layer --------===*
 *
 * Part of the tconv project.
 *
 *===----------------------------------------------------------------------===*
 *
 * Calls a quantized 2-D layer compiled by tconv-aot through its C interface
 * (the generated header is force-included with -include): i8 (int8_t) or
 * ui8 (uint8_t) input, i8 weight, optional i32 bias, i32 (int32_t) result,
 * with the zero points zx and zw. The data are deterministic pseudo-random
 * values over the full 8-bit ranges (bias in [-2^20, 2^20]), with some
 * elements forced to the extremes. The result is compared value for value
 * with the scatter definition computed here in int64, independently of
 * tconv's code: every input element minus zx times the kernel of its group
 * minus zw is added into the output at o = i * stride - pad_begin +
 * k * dilation, plus the bias; the int64 sum is wrapped to int32.
 *
 * The problem is given by -D macros: FUNC, N (or BATCHES for a dynamic
 * batch, passed as the leading int64_t), CIN, COUT, G, H, W, KH, KW, SH, SW,
 * PBH, PBW, PEH, PEW, OPH, OPW, DH, DW, CHANNELS_LAST, HAS_BIAS (layer.h,
 * shared with driver.c), and UNSIGNED_INPUT (ui8 input, else i8), ZX and ZW
 * (the zero points). Prints "K of M values differ" and PASS or FAIL; exits 1 on
 * FAIL.
 *
 *===----------------------------------------------------------------------===*/

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layer.h"

#ifndef UNSIGNED_INPUT
#define UNSIGNED_INPUT 0
#endif
#ifndef ZX
#define ZX 0
#endif
#ifndef ZW
#define ZW 0
#endif

#if UNSIGNED_INPUT
typedef uint8_t input_t;
#else
typedef int8_t input_t;
#endif

/* Written into the output before the call: every value must be replaced
   (far outside the range of this driver's results). */
#define SENTINEL ((int32_t)0x7f5a5a5a)

/* Deterministic 64-bit pseudo-random state (as driver.c). */
static uint64_t state = 12345;
static uint64_t next_random(void) {
  state = state * 6364136223846793005ull + 1442695040888963407ull;
  return state;
}

/* A byte in [0, 255]: the top bits of the state, with some elements forced
   to the extremes 0 and 255. */
static int next_byte(size_t i) {
  int v = (int)(next_random() >> 56);
  if (i % 13 == 3)
    v = 0;
  else if (i % 17 == 8)
    v = 255;
  return v;
}

static input_t *make_input(size_t count) {
  input_t *data = malloc(count * sizeof(input_t));
  for (size_t i = 0; i < count; ++i)
    data[i] = (input_t)(next_byte(i) - (UNSIGNED_INPUT ? 0 : 128));
  return data;
}

static int8_t *make_weight(size_t count) {
  int8_t *data = malloc(count * sizeof(int8_t));
  for (size_t i = 0; i < count; ++i)
    data[i] = (int8_t)(next_byte(i) - 128);
  return data;
}

/* Bias in [-2^20, 2^20], the first and last at the extremes. */
static int32_t *make_bias(size_t count) {
  int32_t *data = malloc(count * sizeof(int32_t));
  for (size_t i = 0; i < count; ++i)
    data[i] = (int32_t)(next_random() % ((1u << 21) + 1)) - (1 << 20);
  data[0] = -(1 << 20);
  data[count - 1] = 1 << 20;
  return data;
}

static int run(int n_batch) {
  size_t in_count = (size_t)n_batch * CIN * H * W;
  size_t w_count = (size_t)CIN * (COUT / G) * KH * KW;
  size_t out_count = (size_t)n_batch * COUT * OH * OW;
  input_t *x = make_input(in_count);
  int8_t *w = make_weight(w_count);
  int32_t *b = make_bias(COUT);
  int32_t *y = malloc(out_count * sizeof(int32_t));
  for (size_t i = 0; i < out_count; ++i)
    y[i] = SENTINEL;
  int64_t *ref = calloc(out_count, sizeof(int64_t));

  /* The reference: the scatter definition, exact in int64. */
  for (int n = 0; n < n_batch; ++n)
    for (int co = 0; co < COUT; ++co)
      for (int oh = 0; oh < OH; ++oh)
        for (int ow = 0; ow < OW; ++ow)
          ref[output_index(n, co, oh, ow)] = HAS_BIAS ? (int64_t)b[co] : 0;
  FOR_EACH_STAMP(n_batch, ref[output_index(n, g * (COUT / G) + co, oh, ow)] +=
                          ((int64_t)x[input_index(n, ci, ih, iw)] - ZX) *
                          ((int64_t)w[weight_index(g, ci, co, kh, kw)] - ZW));

  CALL_LAYER(n_batch, x, w, b, y);

  size_t differ = 0, unwritten = 0;
  for (size_t i = 0; i < out_count; ++i) {
    /* The i32 result wraps: compare with the int64 sum modulo 2^32. */
    int32_t expected = (int32_t)(uint32_t)ref[i];
    if (y[i] == expected)
      continue;
    if (y[i] == SENTINEL)
      ++unwritten;
    if (differ++ == 0)
      printf("first difference at index %zu: got %" PRId32 ", expected %" PRId32
             "\n",
             i, y[i], expected);
  }
  int pass = differ == 0;
  printf("batch %d: output %dx%dx%dx%d, %zu of %zu values differ "
         "(%zu unwritten) %s\n",
         n_batch, n_batch, CHANNELS_LAST ? OH : COUT, CHANNELS_LAST ? OW : OH,
         CHANNELS_LAST ? COUT : OW, differ, out_count, unwritten,
         pass ? "PASS" : "FAIL");
  free(x);
  free(w);
  free(b);
  free(y);
  free(ref);
  return pass;
}

int main(void) { return run_batches(run) ? 0 : 1; }
