# -*- Python -*-
# lit configuration of the tconv regression tests.

import os
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

# The suite runs twice: natively (every test under test/), and as the
# cross suite (site configuration test/aarch64, tconv_cross_triple set): the
# AOT execution tests of test/Execution/AOT with objects compiled for that
# triple, drivers built by its cross compiler and run under qemu-user.
cross_triple = config.tconv_cross_triple
cross_arch = cross_triple.split("-")[0] if cross_triple else None
config.name = "TCONV" + ("-" + cross_triple if cross_triple else "")
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Unit", "Inputs", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tconv_obj_root, "test")
if cross_triple:
    config.test_source_root = os.path.join(config.test_source_root,
                                           "Execution", "AOT")
    config.test_exec_root = os.path.join(config.test_exec_root, cross_arch)

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%tconv_src_root", config.tconv_src_root))
config.substitutions.append(("%tconv_obj_root", config.tconv_obj_root))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.tconv_tools_dir, append_path=True)

# --param target_cpu=CPU: tconv-run and tconv-aot compile for CPU unless a
# test names a target itself (its own --target-cpu comes later and wins), e.g.
# target_cpu=haswell runs the AVX2 code paths throughout on an AVX-512 host
# (docs/testing.md). The random-configuration harness passes it on.
# In the cross suite tconv-aot compiles for the cross triple instead (its
# generic CPU), while tconv-run still runs on the host.
target_cpu_args = []
if lit_config.params.get("target_cpu"):
    target_cpu_args = ["--target-cpu=" + lit_config.params["target_cpu"]]
aot_args = (["--target-triple=" + cross_triple] if cross_triple
            else target_cpu_args)
tools = ["tconv-opt", "tconv-bench", "mlir-opt", "llc", "llvm-objdump",
         ToolSubst("tconv-run", extra_args=target_cpu_args),
         ToolSubst("tconv-aot", extra_args=aot_args)]
llvm_config.add_tool_substitutions(
    tools, [config.tconv_tools_dir, config.llvm_tools_dir])

# The fuzz targets exist in builds configured with -DTCONV_ENABLE_FUZZER=ON
# only; each is a feature of its own name.
for fuzzer in ("tconv-fuzz", "tconv-fuzz-npy", "tconv-fuzz-options"):
    if os.path.exists(os.path.join(config.tconv_tools_dir, fuzzer)):
        config.available_features.add(fuzzer)
        llvm_config.add_tool_substitutions([fuzzer], [config.tconv_tools_dir])

# The baselines tconv-bench is built with (onednn, xnnpack), when CMake found
# them.
for baseline in config.tconv_bench_baselines.split(";"):
    if baseline:
        config.available_features.add(baseline)

# A C compiler links tconv-aot objects (Execution/AOT, Frontends) into
# programs that %run runs: the host's compiler, run directly; in the cross
# suite the triple's cross compiler (Debian's gcc-aarch64-linux-gnu and
# libc6-dev-arm64-cross) and qemu-user (feature `cc` only
# if both are installed; scripts/install-deps.sh --cross). %host_cc is the
# host's compiler in either suite, for checks of the headers alone (C++ too).
host_cc = (shutil.which("cc") or shutil.which("clang-22")
           or shutil.which("clang"))
if host_cc:
    config.substitutions.append(("%host_cc", host_cc))
# aarch64-cross: the AArch64 cross tools are installed (tests of the native
# suite that cross-build on their own, e.g. test/Examples).
if shutil.which("aarch64-linux-gnu-gcc") and shutil.which("qemu-aarch64"):
    config.available_features.add("aarch64-cross")
if cross_triple:
    config.available_features.add("cross-target")
    cross_cc = shutil.which(cross_triple + "-gcc")
    qemu = shutil.which("qemu-" + cross_arch)
    if cross_cc and qemu and host_cc:
        config.available_features.add("cc")
        config.substitutions.append(("%cc", cross_cc))
        config.substitutions.append(("%run", qemu))
        # Where qemu-user finds the target's dynamic loader and libraries.
        config.environment["QEMU_LD_PREFIX"] = os.path.join("/usr",
                                                            cross_triple)
elif host_cc:
    config.available_features.add("cc")
    config.substitutions.append(("%cc", host_cc))
    config.substitutions.append(("%run", ""))

# The host CPU's i8 dot products, for execution tests of the code that uses
# them: host-avx512-vnni, host-avx-vnni (VNNI's VPDPBUSD), host-avx2 and
# host-avx512bw (VPMADDWD on ymm, zmm), and host-avx512f for code built for
# an AVX-512 CPU (Linux's /proc/cpuinfo flags; other hosts have none of
# them).
if not cross_triple:
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            flags = next((line.split(":", 1)[1].split() for line in cpuinfo
                          if line.startswith("flags")), [])
    except OSError:
        flags = []
    for flag, feature in (("avx512_vnni", "host-avx512-vnni"),
                          ("avx_vnni", "host-avx-vnni"),
                          ("avx2", "host-avx2"),
                          ("avx512bw", "host-avx512bw"),
                          ("avx512f", "host-avx512f")):
        if flag in flags:
            config.available_features.add(feature)

# PyTorch, ONNX and NumPy (Debian's python3-torch, python3-onnx,
# python3-numpy in the system Python) are optional: tests that need them say
# REQUIRES: torch / onnx / numpy.
python = "/usr/bin/python3"
for module in ("torch", "onnx", "numpy"):
    if os.path.exists(python) and subprocess.run(
            [python, "-c", "import " + module], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL).returncode == 0:
        config.available_features.add(module)
config.substitutions.append(("%python", python))
# The Python test drivers import the test library, utils/tconv_testing.
config.environment["PYTHONPATH"] = os.path.join(config.tconv_src_root, "utils")
config.substitutions.append(
    ("%tconv_import", python + " " +
     os.path.join(config.tconv_src_root, "utils", "tconv-import")))

# Sanitizer builds (preset asan-ubsan): tconv's code is instrumented, the
# installed libMLIR/libLLVM are not. LLVM's inline allocators (BumpPtrAllocator)
# poison their slabs only where compiled with ASan, so a slab poisoned in tconv
# code and handed out by libMLIR's copy would be reported; poisoning by hand is
# off. UBSan stops at the first report (-fno-sanitize-recover=all); LeakSanitizer
# runs with ASan. A 16 MB quarantine (default 256) nearly halves the time the
# JIT-compiling tools spend in ASan's allocator, for CI's time limit: reuse
# after free is caught within the last 16 MB freed.
if "asan" in config.available_features:
    llvm_config.with_environment(
        "ASAN_OPTIONS", "allow_user_poisoning=0:quarantine_size_mb=16",
        append_path=True)
if "ubsan" in config.available_features:
    llvm_config.with_environment("UBSAN_OPTIONS", "print_stacktrace=1",
                                 append_path=True)

# --param random_configs_divisor=N: the random property tests run 1/N of
# their configurations (scripts/test.sh's sanitizer run, for CI's time limit).
config.substitutions.append(
    ("%random_configs_divisor",
     lit_config.params.get("random_configs_divisor", "1")))
