# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# aecv_set_warnings(target): the warning set every aecv target builds with.
# New warnings are bugs: AECV_WERROR turns them into errors (on in CI presets).
option(AECV_WERROR "Treat compiler warnings as errors" OFF)

function(aecv_set_warnings target)
  target_compile_options(${target} PRIVATE
    -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion
    -Wnon-virtual-dtor -Woverloaded-virtual -Wcast-align
    -Wformat=2 -Wimplicit-fallthrough)
  if(AECV_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
