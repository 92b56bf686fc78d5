// Helpers of the example drivers (run_layer.c, run_forward.c): reading a
// float32 .npy file and comparing a result with the framework's output the
// way tconv-import does (normwise relative error, max|y - ref| / max|ref|).
#ifndef TCONV_EXAMPLES_NPY_UTIL_H
#define TCONV_EXAMPLES_NPY_UTIL_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The data of a version 1 float32 .npy file; its element count in *count
// and, if `dim0` is not null, the size of its first dim in *dim0.
static float *load_npy(const char *path, size_t *count, long *dim0) {
  FILE *f = fopen(path, "rb");
  unsigned char head[10];
  if (!f || fread(head, 1, 10, f) != 10 || memcmp(head, "\x93NUMPY\x01", 7)) {
    fprintf(stderr, "error: %s is not a version 1 .npy file\n", path);
    exit(1);
  }
  long start = 10 + head[8] + 256L * head[9];
  if (dim0) {
    char dict[1024] = {0};
    const char *shape = NULL;
    if (start - 10 < (long)sizeof(dict) &&
        fread(dict, 1, (size_t)(start - 10), f) == (size_t)(start - 10))
      shape = strstr(dict, "'shape': (");
    if (!shape || sscanf(shape + 10, "%ld", dim0) != 1) {
      fprintf(stderr, "error: %s has no shape\n", path);
      exit(1);
    }
  }
  fseek(f, 0, SEEK_END);
  *count = (size_t)(ftell(f) - start) / sizeof(float);
  float *data = malloc(*count * sizeof(float) + 1);
  fseek(f, start, SEEK_SET);
  if (!data || fread(data, sizeof(float), *count, f) != *count) {
    fprintf(stderr, "error: cannot read %s\n", path);
    exit(1);
  }
  fclose(f);
  return data;
}

// Prints the normwise relative error of `output` against `expected`; 0 when
// it is at most 1e-4, else 1 (an exit status).
static int compare_outputs(const float *output, const float *expected,
                           size_t count) {
  double max_err = 0, max_ref = 0;
  for (size_t i = 0; i < count; ++i) {
    max_err = fmax(max_err, fabs(output[i] - expected[i]));
    max_ref = fmax(max_ref, fabs(expected[i]));
  }
  double rel = max_ref > 0 ? max_err / max_ref : max_err;
  printf("%zu outputs, max rel error %.2e: %s\n", count, rel,
         rel <= 1e-4 ? "PASS" : "FAIL");
  return rel <= 1e-4 ? 0 : 1;
}

#endif // TCONV_EXAMPLES_NPY_UTIL_H
