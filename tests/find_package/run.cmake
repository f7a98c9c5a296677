# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# cmake -P run.cmake: install aecv from BUILD_DIR into a scratch prefix, build the consumer
# project against it with find_package(aecv), and run it.
foreach(var BUILD_DIR WORK_DIR SOURCE_DIR MODEL_WRITER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake needs -D${var}=...")
  endif()
endforeach()

function(step)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message("${out}")
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
step(${CMAKE_COMMAND} --install "${BUILD_DIR}" --prefix "${WORK_DIR}/prefix")
step(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/build" "-DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix"
     "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" "-DCMAKE_EXE_LINKER_FLAGS=${CXX_FLAGS}")
step(${CMAKE_COMMAND} --build "${WORK_DIR}/build")
step("${MODEL_WRITER}" dense "${WORK_DIR}/dense.onnx")
step("${WORK_DIR}/build/consumer" "${WORK_DIR}/dense.onnx")
# The installed tools run from this prefix, which is not the one they were configured for
# (RUNPATH $ORIGIN/../lib), and find the shipped models beside their library.
step("${WORK_DIR}/prefix/bin/aecv-model" --help)
step("${WORK_DIR}/prefix/bin/aecv-denoise" --help)
execute_process(COMMAND "${WORK_DIR}/prefix/bin/aecv-model" info "${WORK_DIR}/prefix/share/aecv/models/denoise.onnx"
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "denoise")
  message(FATAL_ERROR "installed aecv-model info failed (${rc}):\n${out}\n${err}")
endif()
# The installed Python package imports from the prefix (RUNPATH to the prefix's libaecv) and finds
# the shipped models there, in a process that sees neither the build tree nor the sources.
if(DEFINED PYTHON)
  set(site "${WORK_DIR}/prefix/${PYTHON_DIR}")
  execute_process(
    COMMAND ${CMAKE_COMMAND} -E env --unset=AECV_MODEL_DIR "PYTHONPATH=${site}" --
      "${PYTHON}" -c "import aecv, numpy; d = aecv.Denoiser(); d.apply(numpy.zeros((16, 16, 3), numpy.uint8)); print(aecv.__file__, aecv.default_model_path('denoise'))"
    WORKING_DIRECTORY "${WORK_DIR}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "^${site}/aecv/__init__.py ${WORK_DIR}/prefix/share/aecv/models/denoise.onnx")
    message(FATAL_ERROR "the installed Python package failed (${rc}):\n${out}\n${err}")
  endif()
  message("python: ${out}")
endif()
