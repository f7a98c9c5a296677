// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Upsample (ONNX Resize with integer scales):
//   x [N, C, H, W] -> y [N, C, H * scaleH, W * scaleW]
//   nearest: y[i] = x[floor(i / s)];  bilinear: half-pixel centres, x(i) = (i + 0.5) / s - 0.5, edges clamped
#pragma once

#include <map>
#include <utility>

#include "ops/dnnl_context.hpp"
#include "ops/op.hpp"
#include "ops/unary_plan.hpp"

namespace aecv::ops {

enum class UpsampleMode { Nearest, Bilinear };

struct UpsampleConfig {
    int scaleH = 2, scaleW = 2;
    UpsampleMode mode = UpsampleMode::Nearest;
};

class Upsample final : public Op {
public:
    explicit Upsample(const UpsampleConfig& cfg);
    const char* type() const override { return "Upsample"; }
    const UpsampleConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

    bool chainable() const override { return true; }
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;

private:
    UnaryPlan& plan(const Shape& in, Phase phase);
    UpsampleConfig cfg_;
    std::map<std::pair<Shape, Phase>, UnaryPlan> plans_;
};

}  // namespace aecv::ops
