"""Checks the scratch buffer of a --whole-model --aot import against the
bound the design promises: forward's temporaries (caller-owned with
--scratch=caller, else a static buffer; shared by liveness either way)
take at most the two
largest activations of the network plus the largest layer's own
temporaries, bounded here by twice its input plus output (a transposed,
padded or zero-inserted copy of the input, the channels-last result). The
sizes come from manifest.json (the static shapes of every operator's
result) and model.h (forward_scratch_size's value at the recorded batch,
or the static buffer's size in forward's comment). Prints one line;
exit status 1 when the bound is passed. Usage: check_scratch.py DIR"""

import json
import math
import os
import re
import sys


def main(directory):
    with open(os.path.join(directory, "manifest.json")) as f:
        manifest = json.load(f)
    with open(os.path.join(directory, "model.h")) as f:
        header = f.read()
    # The caller's buffer (--scratch=caller; `S`, or `[S + ]D * input_dim0`
    # for a dynamic batch, at the recorded one), or the static one.
    batch = manifest["input"]["shape"][0]
    caller = re.search(r"size_t forward_scratch_size\(.*\); /\* "
                       r"(?:(\d+) \+ )?(?:(\d+) \* input_dim0|(\d+)) \*/",
                       header)
    if caller:
        fixed, per_sample, whole = (int(g or 0) for g in caller.groups())
        scratch = fixed + per_sample * batch + whole
    else:
        scratch = int(re.search(r"^/\* forward\n(?: \*.*\n)*? \* "
                                r"\(temporaries: a static buffer of (\d+) "
                                r"bytes\)$", header, re.MULTILINE).group(1))
    nbytes = lambda shape: 4 * math.prod(shape)
    activations = sorted((nbytes(op["output_shape"])
                          for op in manifest["operators"]), reverse=True)
    layer = max(sum(nbytes(s) for s in op["input_shapes"]) +
                nbytes(op["output_shape"]) for op in manifest["operators"])
    bound = sum(activations[:2]) + 2 * layer
    ok = scratch <= bound
    print(f"forward scratch {scratch} bytes <= two largest "
          f"activations {sum(activations[:2])} + 2 x largest layer {layer} "
          f"= {bound}: {'PASS' if ok else 'FAIL'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
