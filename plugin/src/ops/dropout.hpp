// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Dropout (inverted; denoising-autoencoder corruption):
//   training: y = x * m, m = (u >= rate) / (1 - rate), u ~ U[0, 1) seeded;  dx = dy * m
//   inference: y = x
#pragma once

#include <cstdint>

#include "ops/op.hpp"

namespace aecv::ops {

class Dropout final : public Op {
public:
    Dropout(float rate, uint64_t seed = 42);
    const char* type() const override { return "Dropout"; }
    float rate() const { return rate_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override { return inputs.at(0); }
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;
    const cv::Mat& mask() const { return mask_; }
    cv::RNG& rng() { return rng_; }

private:
    float rate_;
    cv::RNG rng_;
    cv::Mat mask_;
};

}  // namespace aecv::ops
