# aecv: autoencoders for OpenCV.
# Copyright (c) 2026 the aecv developers.
# SPDX-License-Identifier: Apache-2.0
# The Python module (plugin/python) must be built for the interpreter whose cv2 links the same
# shared OpenCV as libaecv (Debian's python3-opencv): only then does cv2.dnn see aecv's layers.
# `python3` on PATH may be another interpreter (pyenv, a venv with pip's opencv-python wheel,
# which links OpenCV statically), so Debian's /usr/bin/python3 is preferred; pass
# -DPython3_EXECUTABLE=... to choose another. Sets AECV_PYTHON_FOUND and, when it is false,
# AECV_PYTHON_WHY.

set(AECV_PYTHON_FOUND OFF)
set(AECV_PYTHON_WHY "")
if(NOT DEFINED Python3_EXECUTABLE AND EXISTS /usr/bin/python3)
  set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 3.9 QUIET COMPONENTS Interpreter Development.Module)
find_package(pybind11 2.6 CONFIG QUIET)
if(NOT Python3_FOUND)
  set(AECV_PYTHON_WHY "no Python 3 headers (apt-get install python3-dev)")
elseif(NOT pybind11_FOUND)
  set(AECV_PYTHON_WHY "no pybind11 (apt-get install pybind11-dev)")
else()
  execute_process(
    COMMAND "${Python3_EXECUTABLE}" -c "import numpy, cv2; print(cv2.__version__, end='')"
    OUTPUT_VARIABLE aecv_cv2_version RESULT_VARIABLE aecv_cv2_status ERROR_QUIET)
  if(NOT aecv_cv2_status EQUAL 0)
    set(AECV_PYTHON_WHY "${Python3_EXECUTABLE} cannot import cv2 and numpy (apt-get install python3-opencv python3-numpy)")
  elseif(NOT aecv_cv2_version VERSION_EQUAL OpenCV_VERSION)
    set(AECV_PYTHON_WHY "the cv2 of ${Python3_EXECUTABLE} is OpenCV ${aecv_cv2_version}, not the ${OpenCV_VERSION} aecv links")
  else()
    set(AECV_PYTHON_FOUND ON)
  endif()
endif()
