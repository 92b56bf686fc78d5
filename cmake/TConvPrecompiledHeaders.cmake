#===- TConvPrecompiledHeaders.cmake - One precompiled header for all -----===#
#
# tconv_reuse_precompiled_headers(DIR...) gives every target under the DIRs
# that compiles C++ the precompiled TConvPrecompiled.h, built once by
# TConvPrecompiled: its sources spent most of their compile time parsing
# these LLVM and MLIR headers (docs/testing.md, CI time). Reuse needs the
# same compile flags in every target, which tconv sets directory-wide
# (add_definitions, include_directories, HandleLLVMOptions); a target's own
# definitions do not reach the installed headers the PCH holds.
#
#===----------------------------------------------------------------------===#

add_library(TConvPrecompiled OBJECT
  ${CMAKE_CURRENT_LIST_DIR}/pch/TConvPrecompiled.cpp)
# The flags add_mlir_library and add_llvm_executable give their targets
# (-fno-exceptions, -fno-rtti): a precompiled header built with other
# settings is ignored, silently but for -Winvalid-pch.
llvm_update_compile_flags(TConvPrecompiled)
target_precompile_headers(TConvPrecompiled PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/pch/TConvPrecompiled.h)

# The targets defined in DIR and the directories below it.
function(tconv_collect_targets dir out)
  get_property(targets DIRECTORY ${dir} PROPERTY BUILDSYSTEM_TARGETS)
  get_property(subdirs DIRECTORY ${dir} PROPERTY SUBDIRECTORIES)
  foreach(subdir ${subdirs})
    tconv_collect_targets(${subdir} sub_targets)
    list(APPEND targets ${sub_targets})
  endforeach()
  set(${out} ${targets} PARENT_SCOPE)
endfunction()

function(tconv_reuse_precompiled_headers)
  foreach(dir ${ARGN})
    tconv_collect_targets(${dir} targets)
    foreach(target ${targets})
      # Targets that compile C++ sources of their own (add_mlir_library's
      # static libraries only archive the objects of its obj.* target).
      get_target_property(sources ${target} SOURCES)
      list(FILTER sources INCLUDE REGEX "\\.cpp$")
      if(sources)
        target_precompile_headers(${target} REUSE_FROM TConvPrecompiled)
      endif()
    endforeach()
  endforeach()
endfunction()
