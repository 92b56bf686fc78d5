/*===- main.c - Run an ahead-of-time compiled DCGAN layer -----------------===*
 *
 * Part of the tconv project.
 *
 *===----------------------------------------------------------------------===*
 *
 * Calls the DCGAN generator layer compiled by tconv-aot (dcgan3.mlir: 16 x
 * 256 x 8 x 8 -> 16 x 128 x 16 x 16, kernel 4, stride 2, padding 1) through
 * its generated C header, checks the result against the scatter definition
 * of transposed convolution computed here in double, and prints the time and
 * useful GFLOP/s. Exits 1 if the normwise relative error exceeds 1e-4.
 *
 *===----------------------------------------------------------------------===*/

#include "dcgan3.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { N = 16, CIN = 256, COUT = 128, H = 8, W = 8, K = 4, S = 2, P = 1 };
enum { OH = (H - 1) * S - 2 * P + K, OW = (W - 1) * S - 2 * P + K };

/* Deterministic uniform values in [-1, 1). */
static void fill(float *data, size_t count, uint64_t seed) {
  for (size_t i = 0; i < count; ++i) {
    seed = seed * 6364136223846793005ull + 1442695040888963407ull;
    data[i] = (float)((seed >> 40) * (1.0 / 8388608.0) - 1.0);
  }
}

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec * 1e-9;
}

int main(void) {
  size_t inCount = (size_t)N * CIN * H * W, wCount = (size_t)CIN * COUT * K * K;
  size_t outCount = (size_t)N * COUT * OH * OW;
  float *input = malloc(inCount * sizeof(float));
  float *weight = malloc(wCount * sizeof(float));
  float *bias = malloc(COUT * sizeof(float));
  float *output = malloc(outCount * sizeof(float));
  double *expected = malloc(outCount * sizeof(double));
  if (!input || !weight || !bias || !output || !expected)
    return 1;
  fill(input, inCount, 1);
  fill(weight, wCount, 2);
  fill(bias, COUT, 3);

  /* Time the kernel: the median of 9 runs after a warm-up. */
  double times[9];
  layer(input, weight, bias, output);
  for (int r = 0; r < 9; ++r) {
    double start = now();
    layer(input, weight, bias, output);
    times[r] = now() - start;
  }
  for (int i = 0; i < 9; ++i)
    for (int j = i + 1; j < 9; ++j)
      if (times[j] < times[i]) {
        double t = times[i];
        times[i] = times[j];
        times[j] = t;
      }
  double flops = 2.0 * N * CIN * H * W * COUT * K * K;

  /* Reference: stamp every input pixel times the kernel into the output. */
  for (int n = 0; n < N; ++n)
    for (int oc = 0; oc < COUT; ++oc)
      for (int i = 0; i < OH * OW; ++i)
        expected[((size_t)n * COUT + oc) * OH * OW + i] = bias[oc];
  for (int n = 0; n < N; ++n)
    for (int ic = 0; ic < CIN; ++ic)
      for (int ih = 0; ih < H; ++ih)
        for (int iw = 0; iw < W; ++iw) {
          double x = input[((size_t)(n * CIN + ic) * H + ih) * W + iw];
          for (int oc = 0; oc < COUT; ++oc)
            for (int kh = 0; kh < K; ++kh) {
              int oh = ih * S - P + kh;
              if (oh < 0 || oh >= OH)
                continue;
              for (int kw = 0; kw < K; ++kw) {
                int ow = iw * S - P + kw;
                if (ow < 0 || ow >= OW)
                  continue;
                expected[((size_t)(n * COUT + oc) * OH + oh) * OW + ow] +=
                    x * weight[((size_t)(ic * COUT + oc) * K + kh) * K + kw];
              }
            }
        }
  double maxErr = 0, maxRef = 0;
  for (size_t i = 0; i < outCount; ++i) {
    double err = fabs(output[i] - expected[i]);
    if (!(err <= maxErr)) /* NaN-safe */
      maxErr = err;
    if (fabs(expected[i]) > maxRef)
      maxRef = fabs(expected[i]);
  }
  double relErr = maxErr / (maxRef > 0 ? maxRef : 1e-30);
  int pass = relErr <= 1e-4;
  printf("dcgan3 (16x256x8x8 -> 16x128x16x16, k4 s2 p1): %.3f ms, "
         "%.1f useful GFLOP/s\n",
         times[4] * 1e3, flops / times[4] * 1e-9);
  printf("max rel error vs reference: %.3e (tolerance 1e-4) %s\n", relErr,
         pass ? "PASS" : "FAIL");
  free(input);
  free(weight);
  free(bias);
  free(output);
  free(expected);
  return pass ? 0 : 1;
}
