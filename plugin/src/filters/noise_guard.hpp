// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The filters' guards against changing more than their task explains: the denoiser's local
// Wiener blend of its output with its input, and the maskless watermark remover's ramp that keeps
// only mark-sized changes.
#pragma once

#include <opencv2/core.hpp>

namespace aecv::filters {

inline constexpr int kGuardRadius = 3;       // the local energy is the mean over 7x7 pixels
// The trust k grows as 1 + (level / 0.5)^2: the guard holds pictures read as nearly clean (level
// below ~1 of 255) to what their noise explains, and lets the model's whole output through on
// noisy ones. A stricter guard (20 here until 2026-12-07) cost camera noise 1-2 dB: there the
// model also takes out demosaicing's error at edges, which no noise level explains
// (samples/models/README.md, "The guard relaxed").
inline constexpr double kGuardLevelScale = 0.5;

// dst = src + w (dst - src), per pixel w = min(1, k s^2 / E): E the mean over the (2 r + 1)^2
// pixels around it of the change's energy (mean over the colour channels), s the noise sigma in
// the image's units (`level` of 255 times `unit` / 255). If the model's change were the noise
// plus an error independent of it, E = s^2 + v and w = s^2 / E is the blend with the least
// squared error: where the model takes out no more than the noise explains, all of its output;
// where it takes out texture or edges (v >> s^2), little of it. k > 1 lets noise through
// untouched (the estimate's low bias, noise the finest band does not see); on clean pictures
// (s near 0) nearly every pixel comes back as it was. `src` and `dst`: the same size and type
// (CV_8U or CV_32F, 1 to 4 channels; alpha is the same in both). Works in bands of rows: memory
// stays bounded.
void guardAgainstDetailLoss(const cv::Mat& src, cv::Mat& dst, double level, double unit);

// The maskless watermark remover's counterpart: a mark changes pixels by much more than the
// noise-sized repainting a model without a mask does everywhere else, so its output is kept
// where the change's RMS over 11x11 pixels is at least kMarkChangeFull (of 255), dropped where it
// is at most kMarkChangeNone, and ramped between: dst = src + w (dst - src),
// w = clamp((RMS - none) / (full - none), 0, 1). Chosen on the training photos and marks
// (`aecv-quality watermark --photos training --styles training`; samples/models/README.md).
inline constexpr int kMarkRadius = 5;
inline constexpr double kMarkChangeNone = 8.0, kMarkChangeFull = 24.0;
void keepMarkSizedChanges(const cv::Mat& src, cv::Mat& dst, double unit);

}  // namespace aecv::filters
