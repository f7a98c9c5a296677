// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Upsample (ONNX Resize with integer scales):
//   x [N, C, H, W] -> y [N, C, H * scaleH, W * scaleW]
//   nearest: y[i] = x[floor(i / s)];  bilinear: half-pixel centres, x(i) = (i + 0.5) / s - 0.5, edges clamped
#pragma once

#include "ops/dnnl_context.hpp"
#include "ops/op.hpp"
#include "ops/unary_plan.hpp"

namespace aecv::ops {

enum class UpsampleMode { Nearest, Bilinear };

struct UpsampleConfig {
    int scaleH = 2, scaleW = 2;
    UpsampleMode mode = UpsampleMode::Nearest;
};

class Upsample final : public UnaryPrimitiveOp {
public:
    explicit Upsample(const UpsampleConfig& cfg);
    const char* type() const override { return "Upsample"; }
    const UpsampleConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;

private:
    dnnl::primitive_desc forwardDesc(dnnl::prop_kind prop, const dnnl::memory::desc& src,
                                     const dnnl::memory::desc& dst) const override;
    dnnl::primitive_desc backwardDesc(const dnnl::memory::desc& src, const dnnl::memory::desc& dst,
                                      const dnnl::primitive_desc& forward) const override;
    UpsampleConfig cfg_;
};

}  // namespace aecv::ops
