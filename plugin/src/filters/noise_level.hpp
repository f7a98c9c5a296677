// aecv: autoencoders for OpenCV.
// The noise-level map of a denoiser with a noise-level input: channel 3 of its input holds
// sigma (of 255, as aecv::estimateNoiseLevel() reads it) / kLevelMapUnit everywhere.
#pragma once

namespace aecv::filters {

inline constexpr double kLevelMapUnit = 50.0;  // sigma 50 -> 1: about the pixels' scale

}  // namespace aecv::filters
