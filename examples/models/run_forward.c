// Runs a whole network imported by `tconv-import ... --whole-model --aot`
// on its recorded input and compares the result with the framework's
// output:
//
//   cc -O2 -include DIR/model.h -include DIR/params.h [-DDYNAMIC_BATCH]
//      [-DCALLER_SCRATCH] run_forward.c DIR/model.o -lm -o run_forward
//   ./run_forward DIR/params.bin DIR/input.npy DIR/expected.npy
//
// (docs/tutorials/whole-model.md; C11 for aligned_alloc). params.bin is
// packed once by forward_pack; forward then runs the network. With
// CALLER_SCRATCH (an import with --scratch=caller) both take their
// temporaries in one buffer allocated here. With DYNAMIC_BATCH (an import
// with --dynamic-batch) the batch is the input's first dim.
#include "npy_util.h"

int main(int argc, char **argv) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s params.bin input.npy expected.npy\n", argv[0]);
    return 1;
  }
  FILE *f = fopen(argv[1], "rb");
  float *params = malloc(FORWARD_PARAMS_ELEMENTS * sizeof(float));
  if (!f || !params ||
      fread(params, sizeof(float), FORWARD_PARAMS_ELEMENTS, f) !=
          FORWARD_PARAMS_ELEMENTS) {
    fprintf(stderr, "error: cannot read %d floats from %s\n",
            FORWARD_PARAMS_ELEMENTS, argv[1]);
    return 1;
  }
  fclose(f);
  size_t n_in, n_out;
  long batch;
  float *input = load_npy(argv[2], &n_in, &batch);
  float *expected = load_npy(argv[3], &n_out, NULL);
  float *output = malloc(n_out * sizeof(float));
  // forward's leading dims (the batch), which forward_scratch_size takes too.
#ifdef DYNAMIC_BATCH
#define BATCH batch
#define DIMS batch,
#else
#define BATCH
#define DIMS
  (void)batch;
#endif

#ifdef CALLER_SCRATCH
  // One buffer for the temporaries of both, 64-byte aligned; aligned_alloc
  // wants a multiple of the alignment. With a dynamic batch, forward's
  // grows with it.
  size_t scratch_size = forward_pack_scratch_size();
  if (forward_scratch_size(BATCH) > scratch_size)
    scratch_size = forward_scratch_size(BATCH);
  void *scratch = aligned_alloc(64, (scratch_size + 63) / 64 * 64 + 64);
#define SCRATCH , scratch
#else
#define SCRATCH
#endif
  float *packed = malloc(FORWARD_PACKED_ELEMENTS * sizeof(float));
  forward_pack(params, packed SCRATCH);
  free(params); // forward reads `packed` alone

  forward(DIMS input, packed, output SCRATCH);
  printf("batch %ld: ", batch);
  return compare_outputs(output, expected, n_out);
}
