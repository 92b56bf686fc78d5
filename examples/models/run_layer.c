// Runs one layer imported by tconv-import and compiled by tconv-aot on its
// recorded input and compares the result with the framework's output:
//
//   cc -O2 -include DIR/model.h -DLAYER=layer_3 [-DBIAS] run_layer.c
//      DIR/model.o -lm -o run_layer
//   ./run_layer DIR/layer_3.input.npy DIR/layer_3.weight.npy
//      [DIR/layer_3.bias.npy] DIR/layer_3.expected.npy
//
// (docs/tutorials/pytorch.md and onnx.md). Reads float32 .npy files.
#include "npy_util.h"

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
  float *input = load_npy(argv[1], &n_in, NULL),
        *weight = load_npy(argv[2], &n_w, NULL);
  float *expected = load_npy(argv[nargs], &n_out, NULL);
  float *output = malloc(n_out * sizeof(float));
#ifdef BIAS
  size_t n_b;
  float *bias = load_npy(argv[3], &n_b, NULL);
  LAYER(input, weight, bias, output);
#else
  LAYER(input, weight, output);
#endif
  return compare_outputs(output, expected, n_out);
}
