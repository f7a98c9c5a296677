// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// How the watermark remover puts its result together: the picture under alpha-blended marks,
// recovered from the marks' colour and alpha (unblending), where a weight says so.
#pragma once

#include <opencv2/core.hpp>

namespace aecv::filters {

// Alphas above this are unblended as this: (1 - a) in the division stays at least 0.05, so a mark
// the model thinks opaque amplifies the picture's own noise at most 20 times.
inline constexpr float kMaxUnblendAlpha = 0.95f;

// weight = clamp((m - low) / (high - low), 0, 1): 0 where the model is unsure (m <= low), 1 where
// it is sure (m >= high). m: CV_32FC1.
void rampedMask(const cv::Mat& m, double low, double high, cv::Mat& weight);

// y = x + weight (restored - x). x, restored: CV_32FC3; weight: CV_32FC1 of their size.
void blend(const cv::Mat& x, const cv::Mat& restored, const cv::Mat& weight, cv::Mat& y);

// Every stack of alpha-blended marks is, per pixel, one blend x = (1 - a) t + a c of the picture
// t under it with the marks' colour c, so t = (x - a c) / (1 - a). With a = min(weight alpha,
// kMaxUnblendAlpha): where the weight or the alpha is 0, y = x exactly; and where the picture
// already has the marks' colour (x = c), y = x whatever the alpha. x, color: CV_32FC3; alpha,
// weight: CV_32FC1 of their size.
void unblend(const cv::Mat& x, const cv::Mat& color, const cv::Mat& alpha, const cv::Mat& weight, cv::Mat& y);

}  // namespace aecv::filters
