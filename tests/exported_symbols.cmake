# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# libaecv.so exports its public API and nothing of aecv's internals (ops, model, layers, filters):
# the library is built with hidden symbols and AECV_EXPORT on the public headers' declarations.
# Usage: cmake -DLIB=<libaecv.so> -P exported_symbols.cmake
execute_process(COMMAND nm -DC --defined-only "${LIB}" OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm -DC --defined-only ${LIB} failed (${rc})")
endif()
string(REGEX MATCHALL "[^\n]*aecv::[a-z_]+::[^\n]*" internal "${symbols}")
if(internal)
  list(LENGTH internal count)
  list(GET internal 0 first)
  message(FATAL_ERROR "${LIB} exports ${count} internal symbols, e.g. ${first}")
endif()
foreach(public "aecv::Filter::apply(" "aecv::Denoiser::setStrength(" "aecv::WatermarkRemover::inpaint(" "aecv::Autoencoder::encode("
               "aecv::readNet(" "aecv::registerLayers()" "aecv::estimateNoiseLevel(" "aecv::addWatermark("
               "aecv::readIdxImages(" "aecv::version()")
  string(FIND "${symbols}" "${public}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "${LIB} does not export ${public}")
  endif()
endforeach()
message(STATUS "${LIB}: public API only")
