/*===- pair.c - Runs the several-results function of pair.mlir -------------===*
 *
 * Part of the tconv project.
 *
 *===----------------------------------------------------------------------===*
 *
 * Calls @pair (two 1-D transposed convolutions of one input, plus the input
 * returned as is) through its C interface and checks each result: the
 * convolutions against a scatter reference in double, the third result
 * against the input, three times. glibc's malloc aborts when a wrapper frees
 * the caller's input or a buffer twice.
 *
 *===----------------------------------------------------------------------===*/

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { CIN = 2, L = 3, K = 2, OL = L + K - 1 };

/* Stride 1, no padding: y[co][i + k] += x[ci][i] * w[ci][co][k]. */
static double check(const float *x, const float *w, const float *y, int cout) {
  double ref[3][OL] = {{0}}, err = 0, norm = 0;
  for (int ci = 0; ci < CIN; ++ci)
    for (int co = 0; co < cout; ++co)
      for (int i = 0; i < L; ++i)
        for (int k = 0; k < K; ++k)
          ref[co][i + k] += (double)x[ci * L + i] * w[(ci * cout + co) * K + k];
  for (int co = 0; co < cout; ++co)
    for (int o = 0; o < OL; ++o) {
      err = fmax(err, fabs(y[co * OL + o] - ref[co][o]));
      norm = fmax(norm, fabs(ref[co][o]));
    }
  return err / norm;
}

int main(void) {
  float *x = malloc(CIN * L * sizeof(float));
  float *w1 = malloc(CIN * 2 * K * sizeof(float));
  float *w2 = malloc(CIN * 3 * K * sizeof(float));
  float y1[2 * OL], y2[3 * OL], same[CIN * L];
  for (int i = 0; i < CIN * L; ++i)
    x[i] = (float)(i % 5) * 0.25f - 0.5f;
  for (int i = 0; i < CIN * 2 * K; ++i)
    w1[i] = (float)(i % 3) * 0.5f - 0.25f;
  for (int i = 0; i < CIN * 3 * K; ++i)
    w2[i] = (float)(i % 7) * 0.125f - 0.375f;
  int pass = 1;
  for (int repeat = 0; repeat < 3; ++repeat) {
    pair(x, w1, w2, y1, y2, same);
    double e1 = check(x, w1, y1, 2), e2 = check(x, w2, y2, 3);
    int copied = memcmp(same, x, sizeof same) == 0;
    printf("max rel error %.3e %.3e, input result %s\n", e1, e2,
           copied ? "copied" : "wrong");
    pass &= e1 <= 1e-6 && e2 <= 1e-6 && copied;
  }
  free(x);
  free(w1);
  free(w2);
  puts(pass ? "PASS" : "FAIL");
  return pass ? 0 : 1;
}
