// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// The report folder of a training run: loss curves (loss.csv, loss.png), originals above their
// reconstructions (reconstructions.png) and, for a VAE, generated samples (samples.png) and a
// latent interpolation (interpolation.png). Every file is written to a temporary name first.
#pragma once

#include <string>
#include <vector>

#include <opencv2/core.hpp>

#include "checkpoint.hpp"

namespace aecv::train {

// loss.csv and loss.png.
void writeLossCurves(const std::string& dir, const std::vector<EpochStats>& history);
// The pictures, from the written model file and the validation set ([N, C, H, W] in [0, 1]):
// the first ten inputs, outputs and, when they differ from the inputs (denoising), clean targets;
// for a VAE samples and an interpolation; for a 2-D code also latent.png (the validation codes,
// coloured by `labels`) and latent_grid.png (decoded codes on a grid over [-2.5, 2.5]^2).
void writePictures(const std::string& dir, const std::string& modelPath, const cv::Mat& inputs,
                   const cv::Mat& targets, const std::vector<int>& labels, uint64_t seed);

}  // namespace aecv::train
