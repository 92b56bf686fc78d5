/*===- layer.h - The 2-D layer the AOT drivers call and check ------------===*
 *
 * Part of the tconv project.
 *
 *===----------------------------------------------------------------------===*
 *
 * The problem of driver.c and driver_int8.c, given by -D macros: N (or
 * BATCHES), CIN, COUT, G, H, W, KH, KW, SH, SW, PBH, PBW, PEH, PEW, OPH,
 * OPW, DH, DW, CHANNELS_LAST, HAS_BIAS; its output sizes and the index of
 * an element of each operand in either layout.
 *
 *===----------------------------------------------------------------------===*/

#ifndef TCONV_TEST_AOT_LAYER_H
#define TCONV_TEST_AOT_LAYER_H

#include <stddef.h>
#include <stdint.h>

#ifndef G
#define G 1
#endif
#ifndef DH
#define DH 1
#endif
#ifndef DW
#define DW 1
#endif
#ifndef OPH
#define OPH 0
#endif
#ifndef OPW
#define OPW 0
#endif
#ifndef CHANNELS_LAST
#define CHANNELS_LAST 0
#endif
#ifndef HAS_BIAS
#define HAS_BIAS 0
#endif

#define OH ((H - 1) * SH - PBH - PEH + DH * (KH - 1) + OPH + 1)
#define OW ((W - 1) * SW - PBW - PEW + DW * (KW - 1) + OPW + 1)

/* Index helpers for both layouts. */
static size_t input_index(int n, int c, int h, int w) {
  return CHANNELS_LAST ? (((size_t)n * H + h) * W + w) * CIN + c
                       : (((size_t)n * CIN + c) * H + h) * W + w;
}
static size_t output_index(int n, int c, int h, int w) {
  return CHANNELS_LAST ? (((size_t)n * OH + h) * OW + w) * COUT + c
                       : (((size_t)n * COUT + c) * OH + h) * OW + w;
}
/* Channels-first weight (Cin, Cout/G, kh, kw); channels-last weight
   (Cout, kh, kw, Cin/G). `ci` is global, `co` is within the group. */
static size_t weight_index(int g, int ci, int co, int kh, int kw) {
  if (CHANNELS_LAST)
    return (((size_t)(g * (COUT / G) + co) * KH + kh) * KW + kw) * (CIN / G) +
           (ci - g * (CIN / G));
  return (((size_t)ci * (COUT / G) + co) * KH + kh) * KW + kw;
}

/* Runs STMT for every stamp of the scatter definition that lands in the
   output: input element (n, ci, ih, iw) times weight (g, ci, co, kh, kw)
   goes to output (n, g * (COUT / G) + co, oh, ow), o = i * stride -
   pad_begin + k * dilation. */
#define FOR_EACH_STAMP(n_batch, STMT)                                          \
  for (int n = 0; n < (n_batch); ++n)                                          \
    for (int g = 0; g < G; ++g)                                                \
      for (int ci = g * (CIN / G); ci < (g + 1) * (CIN / G); ++ci)             \
        for (int ih = 0; ih < H; ++ih)                                         \
          for (int iw = 0; iw < W; ++iw)                                       \
            for (int co = 0; co < COUT / G; ++co)                              \
              for (int kh = 0; kh < KH; ++kh)                                  \
                for (int kw = 0; kw < KW; ++kw) {                              \
                  int oh = ih * SH - PBH + kh * DH;                            \
                  int ow = iw * SW - PBW + kw * DW;                            \
                  if (oh < 0 || oh >= OH || ow < 0 || ow >= OW)                \
                    continue;                                                  \
                  STMT;                                                        \
                }

/* Calls the layer FUNC: the batch size first where it is dynamic, the bias
   where there is one. */
#ifdef BATCHES
#define BATCH_ARG(n) (int64_t)(n),
#else
#define BATCH_ARG(n)
#endif
#if HAS_BIAS
#define CALL_LAYER(n, x, w, b, y) FUNC(BATCH_ARG(n) x, w, b, y)
#else
#define CALL_LAYER(n, x, w, b, y) FUNC(BATCH_ARG(n) x, w, y)
#endif

/* Calls `run` with each batch size, BATCHES (a dynamic batch) or N; 1 when
   every call passed. */
static inline int run_batches(int (*run)(int)) {
#ifdef BATCHES
  static const int batches[] = {BATCHES};
#else
  static const int batches[] = {N};
#endif
  int pass = 1;
  for (size_t i = 0; i < sizeof batches / sizeof batches[0]; ++i)
    pass &= run(batches[i]);
  return pass;
}

#endif /* TCONV_TEST_AOT_LAYER_H */
