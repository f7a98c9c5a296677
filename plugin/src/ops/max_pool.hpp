// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// MaxPool (ONNX MaxPool):  x [N, C, H, W] -> y [N, C, OH, OW], OH as for Conv2D without dilation.
// Training keeps oneDNN's workspace (the argmax) for backward.
#pragma once

#include "ops/dnnl_context.hpp"
#include "ops/op.hpp"
#include "ops/unary_plan.hpp"
#include "ops/window.hpp"

namespace aecv::ops {

struct MaxPoolConfig {
    Window2d window{2, 2, 2, 2};  // 2x2, stride 2
};

class MaxPool final : public UnaryPrimitiveOp {
public:
    explicit MaxPool(const MaxPoolConfig& cfg);
    const char* type() const override { return "MaxPool"; }
    const MaxPoolConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;

private:
    dnnl::primitive_desc forwardDesc(dnnl::prop_kind prop, const dnnl::memory::desc& src,
                                     const dnnl::memory::desc& dst) const override;
    dnnl::primitive_desc backwardDesc(const dnnl::memory::desc& src, const dnnl::memory::desc& dst,
                                      const dnnl::primitive_desc& forward) const override;
    bool backwardNeedsForward() const override { return true; }  // routes through the forward's argmax
    MaxPoolConfig cfg_;
};

}  // namespace aecv::ops
