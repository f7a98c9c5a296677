// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
//
// numpy <-> cv::Mat for the Python module, the way cv2 lays images out: HxW, HxWxC (C = 1..4),
// uint8 or float32, rows possibly padded. Arrays are wrapped, not copied, wherever their layout
// allows it; results are numpy arrays that own the cv::Mat's buffer.
#pragma once

#include <string>

#include <opencv2/core.hpp>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

namespace aecv::python {

namespace py = pybind11;

// An image argument: `what` ("Denoiser.apply") starts the error. TypeError for a dtype other than
// uint8 / float32 (or not an array), ValueError for a shape other than HxW / HxWx{1,3,4}. The
// Mat views the array's memory; an array whose pixels are not packed (a column slice, a
// transposed view) is copied once into a packed one, kept alive by `keep`.
cv::Mat imageArg(const py::handle& array, const char* what, py::object& keep);

// A float32 blob argument of any rank (NCHW, [N, D], ...), as a dense n-dimensional Mat.
cv::Mat blobArg(const py::handle& array, const char* what, py::object& keep);

// A new numpy array shaped like an image of `size` x `channels` (no channel axis when
// `channelAxis` is false and channels == 1), and a Mat header over its memory.
py::array newImage(cv::Size size, int depth, int channels, bool channelAxis, cv::Mat& header);

// An image `dst` argument to write into: it must have exactly `shape` and `dtype` of the result.
cv::Mat outputArg(const py::handle& array, const py::array& like, const char* what);

// The Mat as a numpy array sharing its buffer (the array holds a reference to it): images
// (2-D Mats) as HxW or HxWxC, n-dimensional Mats with their sizes.
py::array toArray(const cv::Mat& m);

// "uint8, shape (480, 640, 3)": how an argument is described in errors.
std::string describe(const py::handle& obj);

}  // namespace aecv::python
