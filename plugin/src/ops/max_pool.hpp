// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// MaxPool (ONNX MaxPool):  x [N, C, H, W] -> y [N, C, OH, OW], OH as for Conv2D without dilation.
// Training keeps oneDNN's workspace (the argmax) for backward.
#pragma once

#include <map>
#include <utility>

#include "ops/dnnl_context.hpp"
#include "ops/op.hpp"
#include "ops/unary_plan.hpp"
#include "ops/window.hpp"

namespace aecv::ops {

struct MaxPoolConfig {
    Window2d window{2, 2, 2, 2};  // 2x2, stride 2
};

class MaxPool final : public Op {
public:
    explicit MaxPool(const MaxPoolConfig& cfg);
    const char* type() const override { return "MaxPool"; }
    const MaxPoolConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

    bool chainable() const override { return true; }
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;

private:
    UnaryPlan& plan(const Shape& in, Phase phase);
    MaxPoolConfig cfg_;
    std::map<std::pair<Shape, Phase>, UnaryPlan> plans_;
};

}  // namespace aecv::ops
