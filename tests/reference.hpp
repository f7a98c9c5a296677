// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Plain-loop reference implementations (ONNX semantics) that the oneDNN ops are checked against.
#pragma once

#include "ops/activation.hpp"
#include "ops/conv2d.hpp"
#include "ops/conv_transpose2d.hpp"
#include "ops/dense.hpp"
#include "ops/max_pool.hpp"
#include "ops/upsample.hpp"

namespace aecv::test {

float activate(const ops::Activation& a, float x);
void activateInPlace(const ops::Activation& a, cv::Mat& m);

cv::Mat refConv2d(const cv::Mat& x, const cv::Mat& w, const cv::Mat& b, const ops::Conv2DConfig& c);
cv::Mat refConvTranspose2d(const cv::Mat& x, const cv::Mat& w, const cv::Mat& b,
                           const ops::ConvTranspose2DConfig& c);
cv::Mat refDense(const cv::Mat& x, const cv::Mat& w, const cv::Mat& b, const ops::DenseConfig& c);
cv::Mat refMaxPool(const cv::Mat& x, const ops::MaxPoolConfig& c);
cv::Mat refUpsample(const cv::Mat& x, const ops::UpsampleConfig& c);

}  // namespace aecv::test
