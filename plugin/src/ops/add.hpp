// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Add (residual / skip connection):  a [S], b [S] -> y [S] = a + b;  da = db = dy
#pragma once

#include <map>
#include <unordered_map>

#include "ops/dnnl_context.hpp"
#include "ops/op.hpp"

namespace aecv::ops {

class Add final : public Op {
public:
    const char* type() const override { return "Add"; }
    int inputCount() const override { return 2; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    void backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                  std::vector<cv::Mat>& dInputs) override;

    // In a chain: a binary primitive in input 0's layout (f32 when either side is f32, e.g. the
    // image itself or a bf16 residual), each side reordered to it only when it has another;
    // the sum overwrites input 0 when `overwrite` (or its reordered copy, always).
    bool chainable() const override { return true; }
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;

private:
    struct Plan {
        dnnl::binary add;
        dnnl::memory a, b, dst;
        std::unordered_map<int, dnnl::memory> args;
    };
    std::map<Shape, Plan> plans_;
};

}  // namespace aecv::ops
