# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# cmake -P: fails unless README contains the lines of SOURCE between "[readme-begin]" and
# "[readme-end]" (indentation removed), so the README's code is code that compiles and runs.
file(READ "${SOURCE}" source)
string(REGEX MATCH "// \\[readme-begin\\]\n(.*)\n[ ]*// \\[readme-end\\]" _ "${source}")
if(NOT CMAKE_MATCH_1)
  message(FATAL_ERROR "${SOURCE} has no [readme-begin]/[readme-end] block")
endif()
string(REGEX REPLACE "(^|\n)        " "\\1" snippet "${CMAKE_MATCH_1}")
file(READ "${README}" readme)
string(FIND "${readme}" "${snippet}" at)
if(at EQUAL -1)
  message(FATAL_ERROR "README.md does not show the snippet of ${SOURCE}:\n${snippet}")
endif()
message("README.md shows the snippet of ${SOURCE}")
