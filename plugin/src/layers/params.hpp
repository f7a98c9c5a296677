// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Reading aecv node attributes from cv::dnn::LayerParams, with errors that name the attribute.
// Attribute names are aecv's own (kernel, stride, padding, dilation, ...), chosen so that
// OpenCV's ONNX importer passes them through unrenamed.
#pragma once

#include <array>
#include <string>

#include <opencv2/dnn.hpp>

#include "ops/activation.hpp"
#include "ops/window.hpp"

namespace aecv::layers {

// A pair of ints (e.g. stride [h, w]); `fallback` when absent.
std::array<int, 2> intPair(const cv::dnn::LayerParams& p, const std::string& key, std::array<int, 2> fallback);
// The window: kernel from `kernelH/W`, stride, padding [top, left, bottom, right], dilation.
ops::Window2d window(const cv::dnn::LayerParams& p, int kernelH, int kernelW);
// activation (string, default identity) and alpha (float, optional).
ops::Activation activation(const cv::dnn::LayerParams& p);
// The weight blob `index`, checked to exist and to be float.
const cv::Mat& blob(const cv::dnn::LayerParams& p, size_t index, const char* what);
// A required int attribute.
// Attribute "groups" (default 1); cv::Exception unless >= 1.
int groups(const cv::dnn::LayerParams& p);
int requiredInt(const cv::dnn::LayerParams& p, const std::string& key);

}  // namespace aecv::layers
