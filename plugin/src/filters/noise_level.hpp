// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The noise-level map of a denoiser with a noise-level input: channel 3 of its input holds
// sigma (of 255, as aecv::estimateNoiseLevel() reads it) / kLevelMapUnit everywhere.
#pragma once

#include <opencv2/core.hpp>

namespace aecv::filters {

inline constexpr double kLevelMapUnit = 50.0;  // sigma 50 -> 1: about the pixels' scale

// The noise level as estimateNoiseLevel() reads it, from the band one scale coarser (the 2x2
// means of the image) and its quietest 3% of blocks: noise that demosaicing or JPEG took out of
// the finest band (camera noise) still shows here at most of its per-pixel sigma, where the
// finest band reads a quarter of it.
double estimateCoarseNoiseLevel(const cv::Mat& image);

}  // namespace aecv::filters
