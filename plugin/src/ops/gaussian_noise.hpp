// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// GaussianNoise (denoising-autoencoder corruption):
//   training: y = x + stddev * eps, eps ~ N(0, 1) seeded;  inference: y = x;  dx = dy
#pragma once

#include <cstdint>

#include "ops/op.hpp"

namespace aecv::ops {

class GaussianNoise final : public Op {
public:
    GaussianNoise(float stddev, uint64_t seed = 42);
    const char* type() const override { return "GaussianNoise"; }
    float stddev() const { return stddev_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override { return inputs.at(0); }
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;
    cv::RNG& rng() { return rng_; }

private:
    float stddev_;
    cv::RNG rng_;
};

}  // namespace aecv::ops
