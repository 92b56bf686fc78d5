/*===- driver.c - Runs one tconv-aot compiled 2-D layer and checks it -----===*
 *
 * Part of the tconv project.
 *
 *===----------------------------------------------------------------------===*
 *
 * Calls a layer compiled by tconv-aot through its C interface (the generated
 * header is force-included with -include) on deterministic pseudo-random
 * data and compares the result with the scatter definition of transposed
 * convolution computed here in double, independently of tconv's code:
 * every input element times the kernel of its group is added into the
 * output at o = i * stride - pad_begin + k * dilation.
 *
 * The problem is given by -D macros: FUNC, N (or BATCHES for a dynamic
 * batch, passed as the leading int64_t), CIN, COUT, G, H, W, KH, KW, SH, SW,
 * PBH, PBW, PEH, PEW, OPH, OPW, DH, DW, CHANNELS_LAST, HAS_BIAS (layer.h,
 * shared with driver_int8.c), F16, TOLERANCE and OUTPUT_OFFSET (elements
 * the output starts after the start of its malloc'd buffer: 1 puts it off
 * any 8-byte boundary). Prints
 * "max rel error E" and PASS or FAIL; exits 1 on FAIL.
 *
 *===----------------------------------------------------------------------===*/

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layer.h"

#ifndef TOLERANCE
#define TOLERANCE 1e-4
#endif

#ifdef F16
typedef uint16_t elem_t;

/* float -> IEEE binary16 bits, round to nearest even (finite inputs). */
static uint16_t to_elem(float f) {
  uint32_t x;
  memcpy(&x, &f, sizeof x);
  uint32_t sign = (x >> 16) & 0x8000u;
  int32_t exp = (int32_t)((x >> 23) & 0xff) - 127 + 15;
  uint32_t mant = x & 0x7fffffu;
  if (exp >= 31)
    return (uint16_t)(sign | 0x7c00u);
  if (exp <= 0) {
    if (exp < -10)
      return (uint16_t)sign;
    mant |= 0x800000u;
    uint32_t shift = (uint32_t)(14 - exp);
    uint32_t half = mant >> shift, rest = mant & ((1u << shift) - 1);
    uint32_t mid = 1u << (shift - 1);
    if (rest > mid || (rest == mid && (half & 1)))
      ++half;
    return (uint16_t)(sign | half);
  }
  uint32_t half = ((uint32_t)exp << 10) | (mant >> 13), rest = mant & 0x1fffu;
  if (rest > 0x1000u || (rest == 0x1000u && (half & 1)))
    ++half; /* may carry into the exponent, which is still correct */
  return (uint16_t)(sign | half);
}

static double from_elem(uint16_t h) {
  int exp = (h >> 10) & 0x1f, mant = h & 0x3ff;
  double v = exp == 0 ? ldexp(mant, -24) : ldexp(mant + 1024, exp - 25);
  return (h & 0x8000) ? -v : v;
}
#else
typedef float elem_t;
static float to_elem(float f) { return f; }
static double from_elem(float f) { return f; }
#endif

/* Deterministic values in [-1, 1). */
#ifdef THREADS
/* Each thread draws its own inputs. */
static _Thread_local uint64_t state = 12345;
#else
static uint64_t state = 12345;
#endif
static float next_random(void) {
  state = state * 6364136223846793005ull + 1442695040888963407ull;
  return (float)((state >> 40) * (1.0 / 16777216.0) * 2.0 - 1.0);
}

static elem_t *make(size_t count) {
  elem_t *data = malloc(count * sizeof(elem_t));
  for (size_t i = 0; i < count; ++i)
    data[i] = to_elem(next_random());
  return data;
}

static int run(int n_batch) {
  size_t in_count = (size_t)n_batch * CIN * H * W;
  size_t w_count = (size_t)CIN * (COUT / G) * KH * KW;
  size_t out_count = (size_t)n_batch * COUT * OH * OW;
  elem_t *x = make(in_count), *w = make(w_count), *b = make(COUT);
#ifndef OUTPUT_OFFSET
#define OUTPUT_OFFSET 0
#endif
  elem_t *y_buffer = malloc((out_count + OUTPUT_OFFSET) * sizeof(elem_t));
  elem_t *y = y_buffer + OUTPUT_OFFSET;
  memset(y, 0xff, out_count * sizeof(elem_t)); /* NaN: all must be written */
  double *ref = calloc(out_count, sizeof(double));

  /* The reference first: with THREADS, every call is checked against it. */
  for (int n = 0; n < n_batch; ++n)
    for (int co = 0; co < COUT; ++co)
      for (int oh = 0; oh < OH; ++oh)
        for (int ow = 0; ow < OW; ++ow)
          ref[output_index(n, co, oh, ow)] = HAS_BIAS ? from_elem(b[co]) : 0;
  FOR_EACH_STAMP(n_batch, ref[output_index(n, g * (COUT / G) + co, oh, ow)] +=
                          from_elem(x[input_index(n, ci, ih, iw)]) *
                          from_elem(w[weight_index(g, ci, co, kh, kw)]));

#ifndef CALLS
#define CALLS 1
#endif
  /* With THREADS, many calls per thread, so that calls overlap. */
  double rel = 0;
  int finite = 1;
  for (int call = 0; call < CALLS; ++call) {
    CALL_LAYER(n_batch, x, w, b, y);
    double max_err = 0, max_ref = 0;
    for (size_t i = 0; i < out_count; ++i) {
      double got = from_elem(y[i]);
      if (!isfinite(got))
        finite = 0;
      max_err = fmax(max_err, fabs(got - ref[i]));
      max_ref = fmax(max_ref, fabs(ref[i]));
    }
    rel = fmax(rel, max_ref > 0 ? max_err / max_ref : max_err);
  }
  int pass = finite && rel <= TOLERANCE;
  printf("batch %d: output %dx%dx%dx%d, max rel error %.3e (tolerance %.1e) "
         "%s\n",
         n_batch, n_batch, CHANNELS_LAST ? OH : COUT, CHANNELS_LAST ? OW : OH,
         CHANNELS_LAST ? COUT : OW, rel, (double)TOLERANCE,
         pass ? "PASS" : "FAIL");
  free(x);
  free(w);
  free(b);
  free(y_buffer);
  free(ref);
  return pass;
}

#ifdef THREADS
#include <pthread.h>

static void *run_thread(void *arg) {
  state += (uintptr_t)arg; /* other inputs per thread */
  return (void *)(intptr_t)run(N);
}

/* THREADS threads call the kernel at the same time. */
int main(void) {
  pthread_t threads[THREADS];
  for (uintptr_t t = 0; t < THREADS; ++t)
    if (pthread_create(&threads[t], NULL, run_thread, (void *)t))
      return 1;
  int pass = 1;
  for (int t = 0; t < THREADS; ++t) {
    void *result;
    pthread_join(threads[t], &result);
    pass &= (int)(intptr_t)result;
  }
  return pass ? 0 : 1;
}
#else
int main(void) { return run_batches(run) ? 0 : 1; }
#endif
