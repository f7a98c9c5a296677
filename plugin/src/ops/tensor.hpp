// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Tensors are float cv::Mat blobs in NCHW (4-D) or NC (2-D) order, as cv::dnn passes them.
#pragma once

#include <opencv2/core.hpp>

#include <string>
#include <vector>

namespace aecv::ops {

using Shape = std::vector<int>;

Shape shapeOf(const cv::Mat& m);
std::string toString(const Shape& s);           // "[2, 3, 8, 8]"
size_t elementCount(const Shape& s);
// A size computed in 64 bits (an output height, a scaled width) as a tensor dimension: cv::Exception
// "<op> <what> would be <value>; expected 1..2147483647" when it is not one.
int checkedDim(int64_t value, const char* op, const char* what);
// cv::Exception naming `what` unless every dimension is >= 1 and the element count fits in an int
// (cv::dnn counts elements in int).
void requireSizeable(const Shape& s, const std::string& what);

// A new CV_32F tensor of this shape (contents undefined).
cv::Mat makeTensor(const Shape& s);
// Allocates `m` as a CV_32F tensor of shape `s` unless it already is one (no allocation then).
void ensureTensor(cv::Mat& m, const Shape& s);

// Samples first .. first+count-1 of a [N, ...] tensor (a view: slicing the outermost dimension
// keeps the data continuous).
cv::Mat sampleRange(const cv::Mat& m, int first, int count);

// Throws cv::Exception unless `m` is a non-empty continuous CV_32F tensor of rank 2 or 4.
// `what` names the tensor in the message, e.g. "Conv2D input".
void requireTensor(const cv::Mat& m, const char* what);
void requireShape(const cv::Mat& m, const Shape& expected, const char* what);

// Throws cv::Exception naming `what` and the first index holding NaN or Inf.
void requireFinite(const cv::Mat& m, const std::string& what);

}  // namespace aecv::ops
