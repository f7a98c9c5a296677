// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/gaussian_noise.hpp"

#include <cmath>

namespace aecv::ops {

GaussianNoise::GaussianNoise(float stddev, uint64_t seed) : stddev_(stddev), rng_(seed) {
    if (!(stddev >= 0.f) || !std::isfinite(stddev))
        CV_Error(cv::Error::StsOutOfRange, cv::format("GaussianNoise stddev is %g; expected a finite value >= 0",
                 static_cast<double>(stddev)));
}

void GaussianNoise::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape s = inputShapes(inputs)[0];
    if (phase == Phase::Inference || stddev_ == 0.f) {
        output = inputs[0];
        return;
    }
    ensureTensor(output, s);
    // In a fixed number of chunks, each from its own generator seeded from rng_, spread over the
    // OpenMP threads: the same noise whatever the thread count (and rng_ alone is the state a
    // checkpoint keeps). One thread drew a training batch's 25k normals in 75 us, a tenth of a
    // stacked-autoencoder step.
    constexpr int kChunks = 4;
    uint64_t seeds[kChunks];
    for (uint64_t& seed : seeds) seed = static_cast<uint64_t>(rng_.next()) << 32 | rng_.next();
    const size_t n = output.total();
    const float* x = inputs[0].ptr<float>();
    float* y = output.ptr<float>();
    const double stddev = stddev_;
#pragma omp parallel for schedule(static) if (n >= 16384)
    for (int k = 0; k < kChunks; ++k) {
        const size_t first = n * static_cast<size_t>(k) / kChunks, last = n * static_cast<size_t>(k + 1) / kChunks;
        if (first == last) continue;
        cv::Mat noise(1, static_cast<int>(last - first), CV_32F, y + first);
        cv::RNG(seeds[k]).fill(noise, cv::RNG::NORMAL, 0.0, stddev);
        for (size_t i = first; i < last; ++i) y[i] += x[i];
    }
}

void GaussianNoise::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                             std::vector<cv::Mat>& dInputs) {
    inputShapes(inputs);
    requireGradShape(dOutput, output);
    if (!dInputs.empty()) dInputs[0] = dOutput;
}

}  // namespace aecv::ops
