// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Reshape / Flatten: x [N, ...] -> y [N, shape...] sharing x's data (no copy); dx = dy reshaped.
// `shape` excludes the batch dimension; one entry may be -1 (inferred). Flatten is shape {-1}.
#pragma once

#include "ops/op.hpp"

namespace aecv::ops {

struct ReshapeConfig {
    Shape shape{-1};
};

class Reshape final : public Op {
public:
    explicit Reshape(const ReshapeConfig& cfg);
    const char* type() const override { return "Reshape"; }
    const ReshapeConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

private:
    ReshapeConfig cfg_;
};

}  // namespace aecv::ops
