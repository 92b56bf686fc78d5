// Runs one layer imported by tconv-import and compiled by tconv-aot on its
// recorded input and compares the result with the framework's output:
//
//   cc -O2 -include DIR/model.h -DLAYER=layer_3 [-DBIAS] run_layer.c
//      DIR/model.o -lm -o run_layer
//   ./run_layer DIR/layer_3.input.npy DIR/layer_3.weight.npy
//      [DIR/layer_3.bias.npy] DIR/layer_3.expected.npy
//
// (docs/tutorials/pytorch.md and onnx.md). Reads float32 .npy files.
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// The data of a version 1 float32 .npy file; its element count in *count.
static float *load_npy(const char *path, size_t *count) {
  FILE *f = fopen(path, "rb");
  unsigned char head[10];
  if (!f || fread(head, 1, 10, f) != 10 || memcmp(head, "\x93NUMPY\x01", 7)) {
    fprintf(stderr, "error: %s is not a version 1 .npy file\n", path);
    exit(1);
  }
  long start = 10 + head[8] + 256L * head[9];
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

int main(int argc, char **argv) {
#ifdef BIAS
  const int nargs = 4;
#else
  const int nargs = 3;
#endif
  if (argc != nargs + 1) {
    fprintf(stderr, "usage: %s input.npy weight.npy%s expected.npy\n", argv[0],
            nargs == 4 ? " bias.npy" : "");
    return 1;
  }
  size_t n_in, n_w, n_out;
  float *input = load_npy(argv[1], &n_in), *weight = load_npy(argv[2], &n_w);
  float *expected = load_npy(argv[nargs], &n_out);
  float *output = malloc(n_out * sizeof(float));
#ifdef BIAS
  size_t n_b;
  float *bias = load_npy(argv[3], &n_b);
  LAYER(input, weight, bias, output);
#else
  LAYER(input, weight, output);
#endif
  double max_err = 0, max_ref = 0;
  for (size_t i = 0; i < n_out; ++i) {
    max_err = fmax(max_err, fabs(output[i] - expected[i]));
    max_ref = fmax(max_ref, fabs(expected[i]));
  }
  double rel = max_ref > 0 ? max_err / max_ref : max_err;
  printf("%zu outputs, max rel error %.2e: %s\n", n_out, rel,
         rel <= 1e-4 ? "PASS" : "FAIL");
  return rel <= 1e-4 ? 0 : 1;
}
