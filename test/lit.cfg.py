# -*- Python -*-
# lit configuration of the tconv regression tests.

import os
import shutil
import subprocess

import lit.formats
from lit.llvm import llvm_config
from lit.llvm.subst import ToolSubst

config.name = "TCONV"
config.test_format = lit.formats.ShTest(not llvm_config.use_lit_shell)
config.suffixes = [".mlir", ".test"]
config.excludes = ["Unit", "Inputs", "CMakeLists.txt", "lit.cfg.py",
                   "lit.site.cfg.py"]
config.test_source_root = os.path.dirname(__file__)
config.test_exec_root = os.path.join(config.tconv_obj_root, "test")

config.substitutions.append(("%PATH%", config.environment["PATH"]))
config.substitutions.append(("%tconv_src_root", config.tconv_src_root))
config.substitutions.append(("%tconv_obj_root", config.tconv_obj_root))

llvm_config.use_default_substitutions()
llvm_config.with_environment("PATH", config.llvm_tools_dir, append_path=True)
llvm_config.with_environment("PATH", config.tconv_tools_dir, append_path=True)

tools = ["tconv-opt", "tconv-run", "tconv-aot", "tconv-bench", "mlir-opt"]
llvm_config.add_tool_substitutions(
    tools, [config.tconv_tools_dir, config.llvm_tools_dir])

# A host C compiler links tconv-aot objects (Execution/AOT, Frontends).
cc = shutil.which("cc") or shutil.which("clang-22") or shutil.which("clang")
if cc:
    config.available_features.add("cc")
    config.substitutions.append(("%cc", cc))

# PyTorch and ONNX (Debian's python3-torch, python3-onnx in the system
# Python) are optional: tests that need them say REQUIRES: torch / onnx.
python = "/usr/bin/python3"
for module in ("torch", "onnx"):
    if os.path.exists(python) and subprocess.run(
            [python, "-c", "import " + module], stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL).returncode == 0:
        config.available_features.add(module)
config.substitutions.append(("%python", python))
config.substitutions.append(
    ("%tconv_import", python + " " +
     os.path.join(config.tconv_src_root, "utils", "tconv-import")))
