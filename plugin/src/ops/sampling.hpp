// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Sampling (VAE reparameterisation):
//   mu [N, D], logvar [N, D] -> z [N, D]
//   training:  z = mu + exp(logvar / 2) * eps,  eps ~ N(0, I) from a seeded generator
//   inference: z = mu (the code's mean: reconstructions are deterministic)
//   backward:  dmu = dz;  dlogvar = dz * eps * exp(logvar / 2) / 2
#pragma once

#include <cstdint>

#include "ops/op.hpp"

namespace aecv::ops {

class Sampling final : public Op {
public:
    explicit Sampling(uint64_t seed = 42) : rng_(seed) {}
    const char* type() const override { return "Sampling"; }
    int inputCount() const override { return 2; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

    const cv::Mat& eps() const { return eps_; }  // the noise of the last training forward
    cv::RNG& rng() { return rng_; }              // its state goes into checkpoints

private:
    cv::RNG rng_;
    cv::Mat eps_;
};

}  // namespace aecv::ops
