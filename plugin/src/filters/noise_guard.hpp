// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The denoiser's guard against removing more than noise: a local Wiener blend of its output with
// its input.
#pragma once

#include <opencv2/core.hpp>

namespace aecv::filters {

inline constexpr int kGuardRadius = 3;       // the local energy is the mean over 7x7 pixels
inline constexpr double kGuardLevelScale = 20.0;  // the trust k grows as 1 + (level / 20)^2

// dst = src + w (dst - src), per pixel w = min(1, k s^2 / E): E the mean over the (2 r + 1)^2
// pixels around it of the change's energy (mean over the colour channels), s the noise sigma in
// the image's units (`level` of 255 times `unit` / 255). If the model's change were the noise
// plus an error independent of it, E = s^2 + v and w = s^2 / E is the blend with the least
// squared error: where the model takes out no more than the noise explains, all of its output;
// where it takes out texture or edges (v >> s^2), little of it. k > 1 lets strong noise through
// untouched (clipped noise and the estimate's low bias); on clean pictures (s near 0) nearly
// every pixel comes back as it was. `src` and `dst`: the same size and type (CV_8U or CV_32F,
// 1 to 4 channels; alpha is the same in both). Works in bands of rows: memory stays bounded.
void guardAgainstDetailLoss(const cv::Mat& src, cv::Mat& dst, double level, double unit);

}  // namespace aecv::filters
