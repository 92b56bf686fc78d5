# -*- Python -*-
# Runs the GoogleTest unit tests (unittests/) as lit tests.

import os

import lit.formats

config.name = "TCONV-Unit"
config.suffixes = []
config.test_source_root = os.path.join(config.tconv_obj_root, "unittests")
config.test_exec_root = config.test_source_root
config.test_format = lit.formats.GoogleTest(".", "Tests")
