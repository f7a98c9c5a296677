# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# AECV_SANITIZE="address;undefined" instruments every target of this build.
if(AECV_SANITIZE)
  list(JOIN AECV_SANITIZE "," _aecv_sanitizers)
  add_compile_options(-fsanitize=${_aecv_sanitizers} -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=${_aecv_sanitizers})
endif()

# AECV_FUZZ (clang only) instruments every target for libFuzzer's coverage feedback and builds the
# fuzz targets in tests/fuzz as libFuzzer programs.
option(AECV_FUZZ "Build the libFuzzer targets (clang)" OFF)
if(AECV_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "AECV_FUZZ needs clang (CMAKE_CXX_COMPILER=clang++); this is ${CMAKE_CXX_COMPILER_ID}")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()
