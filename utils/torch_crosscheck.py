#!/usr/bin/env python3
"""Cross-checks tconv.conv_transpose against PyTorch's conv_transpose{1,2,3}d.

For --count random channels_first f32 configurations (1-D/2-D/3-D, strides,
kernels, dilations, padding, output_padding, groups/depthwise, with or without
bias, sometimes a dynamic batch) this script writes a .mlir file with one
@layer function, random float32 .npy inputs (by hand, no numpy needed), runs

    tconv-run FILE --entry=layer --inputs=x.npy,w.npy[,b.npy] --output=y.npy

reads y.npy back and compares it with torch.nn.functional.conv_transpose{d}d
computed in float64 on the same (float32) values. A configuration passes when
the normwise relative error max|y - ref| / max|ref| is at most --tolerance
(default 1e-4). The last line printed is

    torch crosscheck: N passed, M failed

and the exit status is 1 if M > 0.

PyTorch takes one symmetric `padding` per dim (pb == pe). Half of the
configurations are symmetric and passed to PyTorch as they are; the others
have asymmetric padding, for which PyTorch runs with padding 0 (same
output_padding) and the result is cropped by pb rows at the begin and pe at
the end of each dim, which is exactly what the padding means.

--backend=python replaces PyTorch by a slow pure-Python scatter
implementation of the definition (in double), so that the rest of the script
(and tconv-run) can be tested without PyTorch; use small --max-macs with it.
"""

import argparse
import array
import itertools
import math
import os
import random
import shutil
import subprocess
import sys
import tempfile

# Shared with the random property test (same directory).
from tconv_import.mlir import Layer, out_size
from tconv_import.npy import compare, read_npy, write_npy
from tconv_import.reference import conv_transpose as scatter_reference


# ----------------------------------------------------------------------------
# Configurations
# ----------------------------------------------------------------------------

def make_config(seed, index, max_macs):
    rng = random.Random(f"tconv-torch-crosscheck/{seed}/{index}")
    for _ in range(1000):
        c = {"index": index}
        d = c["d"] = rng.choices([1, 2, 3], weights=[35, 40, 25])[0]
        gkind = rng.choices(["1", "2", "3", "dw"], weights=[45, 20, 10, 25])[0]
        if gkind == "dw":
            G = rng.randint(1, 6)
            Cin, Cout = G, G * rng.choice([1, 1, 2])
        else:
            G = int(gkind)
            Cin, Cout = G * rng.randint(1, 4), G * rng.randint(1, 4)
        c.update(G=G, Cin=Cin, Cout=Cout, N=rng.randint(1, 3),
                 bias=rng.random() < 0.7, symmetric=rng.random() < 0.5)
        max_i = {1: 16, 2: 8, 3: 5}[d]
        for key in ("I", "k", "s", "dil", "op", "pb", "pe", "O"):
            c[key] = []
        for _ in range(d):
            I, k = rng.randint(1, max_i), rng.randint(1, 5)
            s, dil = rng.randint(1, 4), rng.randint(1, 3)
            op = rng.randint(0, max(s, dil) - 1) if rng.random() < 0.4 else 0
            budget = out_size(I, s, 0, 0, dil, k, op) - 1   # keeps O >= 1
            lim = dil * (k - 1) + (s if rng.random() < 0.4 else 0)
            if c["symmetric"]:
                pb = pe = rng.randint(0, min(lim, budget // 2))
            else:
                pb = rng.randint(0, min(lim, budget))
                pe = rng.randint(0, min(lim, budget - pb))
            for key, v in zip(("I", "k", "s", "dil", "op", "pb", "pe"),
                              (I, k, s, dil, op, pb, pe)):
                c[key].append(v)
            c["O"].append(out_size(I, s, pb, pe, dil, k, op))
        macs = c["N"] * Cin * math.prod(c["I"]) * (Cout // G) * math.prod(c["k"])
        if macs <= max_macs:
            c["macs"] = macs
            break
    else:
        raise RuntimeError("no configuration small enough")
    c["dyn_batch"] = rng.random() < 0.2
    c["input_seed"] = rng.randint(1, 10**6)
    # Sanity: the constraints of the op.
    for i in range(c["d"]):
        assert 0 <= c["op"][i] < max(c["s"][i], c["dil"][i])
        assert c["O"][i] >= 1 and c["pb"][i] >= 0 and c["pe"][i] >= 0
    return c


def describe(c):
    dims = "; ".join(
        f"I={c['I'][i]} k={c['k'][i]} s={c['s'][i]} p={c['pb'][i]}/{c['pe'][i]} "
        f"dil={c['dil'][i]} op={c['op'][i]} -> O={c['O'][i]}" for i in range(c["d"]))
    return (f"{c['d']}-D N={c['N']}{' (dynamic)' if c['dyn_batch'] else ''} "
            f"Cin={c['Cin']} Cout={c['Cout']} G={c['G']}"
            f"{'' if c['bias'] else ' no-bias'} MACs={c['macs']}; {dims}")


def shapes(c):
    x = [c["N"], c["Cin"]] + c["I"]
    w = [c["Cin"], c["Cout"] // c["G"]] + c["k"]
    y = [c["N"], c["Cout"]] + c["O"]
    return x, w, y


def mlir(c):
    x, w, _ = shapes(c)
    layer = Layer(name="layer", source=f"config {c['index']}", input_shape=x,
                  weight_shape=w, has_bias=c["bias"], strides=c["s"],
                  pad_begin=c["pb"], pad_end=c["pe"], output_padding=c["op"],
                  dilations=c["dil"], groups=c["G"])
    return layer.mlir(dynamic_batch=c["dyn_batch"], comment=describe(c))


# ----------------------------------------------------------------------------
# References
# ----------------------------------------------------------------------------

def crop(flat, shape, begins, ends):
    """Crops the trailing len(begins) dims of a C-order flat list."""
    lead = len(shape) - len(begins)
    ranges = [range(shape[i]) for i in range(lead)]
    ranges += [range(begins[i], shape[lead + i] - ends[i]) for i in range(len(begins))]
    strides = [math.prod(shape[i + 1:]) for i in range(len(shape))]
    return [flat[sum(a * b for a, b in zip(idx, strides))]
            for idx in itertools.product(*ranges)]


def reference_torch(c, x, w, b):
    import torch
    import torch.nn.functional as F
    xs, ws, _ = shapes(c)
    conv = {1: F.conv_transpose1d, 2: F.conv_transpose2d, 3: F.conv_transpose3d}[c["d"]]
    tx = torch.tensor(x, dtype=torch.float64).reshape(xs)
    tw = torch.tensor(w, dtype=torch.float64).reshape(ws)
    tb = torch.tensor(b, dtype=torch.float64) if c["bias"] else None
    padding = c["pb"] if c["symmetric"] else [0] * c["d"]
    out = conv(tx, tw, tb, stride=tuple(c["s"]), padding=tuple(padding),
               output_padding=tuple(c["op"]), groups=c["G"],
               dilation=tuple(c["dil"]))
    shape = list(out.shape)
    flat = out.flatten().tolist()
    if not c["symmetric"]:
        flat = crop(flat, shape, c["pb"], c["pe"])
    return flat


def reference_python(c, x, w, b):
    """The scatter definition (channels_first), in double."""
    return scatter_reference(x, w, b, N=c["N"], Cin=c["Cin"], Cout=c["Cout"],
                             G=c["G"], I=c["I"], k=c["k"], s=c["s"],
                             dil=c["dil"], pb=c["pb"], O=c["O"])


# ----------------------------------------------------------------------------
# Driver
# ----------------------------------------------------------------------------

def run_one(c, args, rundir, reference):
    base = os.path.join(rundir, f"config{c['index']:04d}")
    xs, ws, ys = shapes(c)
    # Round the inputs to float32 so that tconv-run and the reference see the
    # same values.
    rng = random.Random(c["input_seed"])
    f32 = lambda n: list(array.array("f", [rng.uniform(-1, 1) for _ in range(n)]))
    x, w = f32(math.prod(xs)), f32(math.prod(ws))
    b = f32(c["Cout"]) if c["bias"] else None
    paths = [base + ".x.npy", base + ".w.npy"] + ([base + ".b.npy"] if c["bias"] else [])
    write_npy(paths[0], xs, x)
    write_npy(paths[1], ws, w)
    if c["bias"]:
        write_npy(paths[2], [c["Cout"]], b)
    with open(base + ".mlir", "w") as f:
        f.write(mlir(c))
    out_path = base + ".y.npy"
    if os.path.exists(out_path):
        os.remove(out_path)
    cmd = [args.tconv_run, base + ".mlir", "--entry=layer",
           "--inputs=" + ",".join(paths), "--output=" + out_path]
    if args.target_cpu:
        cmd.append("--target-cpu=" + args.target_cpu)
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                          text=True, timeout=args.timeout)
    if proc.returncode != 0:
        return False, " ".join(cmd), f"tconv-run exit status {proc.returncode}:\n{proc.stdout}"
    shape, got = read_npy(out_path)
    if list(shape) != ys:
        return False, " ".join(cmd), f"output shape {list(shape)}, expected {ys}"
    expected = reference(c, x, w, b)
    if len(expected) != len(got):
        return False, " ".join(cmd), (f"reference has {len(expected)} elements, "
                                      f"tconv-run {len(got)}")
    max_abs, rel = compare(got, expected)
    finite = all(math.isfinite(g) for g in got)
    ok = finite and rel <= args.tolerance
    return ok, " ".join(cmd), (f"max abs error {max_abs:.3e}, max rel error {rel:.3e} "
                               f"(tolerance {args.tolerance:.1e})"
                               + ("" if finite else ", non-finite values"))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=50)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--tconv-run", required=True)
    parser.add_argument("--target-cpu", default="",
                        help="tconv-run's --target-cpu (one the host runs)")
    parser.add_argument("--workdir", required=True)
    parser.add_argument("--tolerance", type=float, default=1e-4)
    parser.add_argument("--backend", choices=["torch", "python"], default="torch")
    parser.add_argument("--max-macs", type=int, default=200_000)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--keep-going", action="store_true",
                        help="accepted for symmetry with random_configs.py; "
                             "every configuration is always run")
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()

    reference = reference_torch if args.backend == "torch" else reference_python
    if args.backend == "torch":
        try:
            import torch  # noqa: F401
        except ImportError as e:
            sys.exit(f"torch_crosscheck.py: cannot import torch ({e}); "
                     f"use --backend=python to test without PyTorch")
    os.makedirs(args.workdir, exist_ok=True)
    # A fresh subdirectory per run (concurrent runs may share --workdir).
    rundir = tempfile.mkdtemp(prefix=f"seed{args.seed}-", dir=args.workdir)
    passed = failed = 0
    for i in range(args.count):
        c = make_config(args.seed, i, args.max_macs)
        try:
            ok, cmd, msg = run_one(c, args, rundir, reference)
        except Exception as e:  # a crash of the script is a failure too
            ok, cmd, msg = False, "", f"{type(e).__name__}: {e}"
        if ok:
            passed += 1
            if args.verbose:
                print(f"PASS config {i}: {describe(c)}: {msg}")
        else:
            failed += 1
            print(f"FAIL config {i}: {describe(c)}"
                  f"{' (symmetric padding)' if c['symmetric'] else ' (asymmetric padding, cropped)'}")
            print(f"  command: {cmd}")
            for line in msg.strip().splitlines():
                print("  | " + line)
    if failed:
        print(f"files of the failing configurations are in {rundir}")
    else:
        shutil.rmtree(rundir, ignore_errors=True)
    name = "torch" if args.backend == "torch" else "python"
    print(f"{name} crosscheck: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
