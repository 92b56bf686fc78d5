#===- TConvAddKernels.cmake - Ahead-of-time tconv kernels -----------------===#
#
# tconv_add_kernels(<target> SOURCES <file.mlir>... [TARGET_TRIPLE <triple>]
#                   [TARGET_CPU <cpu>] [TARGET_FEATURES <+f1,-f2>]
#                   [TCONV_AOT <path>])
#
# Compiles every public function of each .mlir file with tconv-aot at build
# time into an object and a C header, links the objects into <target> and
# puts the headers on its include path: `#include "<file>.h"` (the .mlir
# name with .h) declares `void NAME(const float *input, ..., float *output)`.
# The host is targeted unless TARGET_TRIPLE / TARGET_CPU are given; they
# default to the variables TCONV_TARGET_TRIPLE and TCONV_TARGET_CPU, which a
# toolchain file can set (examples/cmake/aarch64-linux-gnu.cmake): a
# cross-compiling build then gets kernels for its target, e.g.
# TARGET_TRIPLE aarch64-linux-gnu TARGET_CPU neoverse-n1.
#
#===----------------------------------------------------------------------===#

function(tconv_add_kernels target)
  cmake_parse_arguments(ARG ""
    "TARGET_TRIPLE;TARGET_CPU;TARGET_FEATURES;TCONV_AOT" "SOURCES" ${ARGN})
  if(NOT ARG_TARGET_TRIPLE)
    set(ARG_TARGET_TRIPLE "${TCONV_TARGET_TRIPLE}")
  endif()
  if(NOT ARG_TARGET_CPU)
    set(ARG_TARGET_CPU "${TCONV_TARGET_CPU}")
  endif()
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "tconv_add_kernels(${target}): no SOURCES given")
  endif()
  set(aot "${ARG_TCONV_AOT}")
  if(NOT aot)
    set(aot "${TCONV_AOT_EXECUTABLE}")
  endif()
  if(NOT aot)
    message(FATAL_ERROR "tconv_add_kernels: tconv-aot not found; set "
      "TCONV_AOT_EXECUTABLE or pass TCONV_AOT")
  endif()
  set(flags)
  if(ARG_TARGET_TRIPLE)
    list(APPEND flags "--target-triple=${ARG_TARGET_TRIPLE}")
  endif()
  if(ARG_TARGET_CPU)
    list(APPEND flags "--target-cpu=${ARG_TARGET_CPU}")
  endif()
  if(ARG_TARGET_FEATURES)
    list(APPEND flags "--target-features=${ARG_TARGET_FEATURES}")
  endif()

  set(out_dir "${CMAKE_CURRENT_BINARY_DIR}/tconv_kernels/${target}")
  file(MAKE_DIRECTORY "${out_dir}")
  foreach(source ${ARG_SOURCES})
    get_filename_component(source "${source}" ABSOLUTE)
    get_filename_component(name "${source}" NAME_WE)
    set(object "${out_dir}/${name}${CMAKE_C_OUTPUT_EXTENSION}")
    set(header "${out_dir}/${name}.h")
    add_custom_command(
      OUTPUT "${object}" "${header}"
      COMMAND "${aot}" "${source}" -o "${object}" "--header=${header}" ${flags}
      DEPENDS "${source}" "${aot}"
      COMMENT "tconv-aot ${name}.mlir"
      VERBATIM)
    set_source_files_properties("${object}" PROPERTIES
      EXTERNAL_OBJECT TRUE GENERATED TRUE)
    target_sources(${target} PRIVATE "${object}" "${header}")
  endforeach()
  target_include_directories(${target} PRIVATE "${out_dir}")
endfunction()
