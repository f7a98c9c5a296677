// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// Conv2D (ONNX Conv):
//   x [N, C, H, W]  W [OC, C/groups, KH, KW]  b [OC]  ->  y [N, OC, OH, OW]
//   OH = (H + padTop + padBottom - ((KH - 1) * dilationH + 1)) / strideH + 1   (likewise OW)
#pragma once

#include <map>
#include <memory>

#include "ops/weighted_op.hpp"
#include "ops/window.hpp"

namespace aecv::ops {

struct Conv2DConfig {
    int inChannels = 0, outChannels = 0;
    Window2d window;
    int groups = 1;
    bool bias = true;
    Activation activation;
};

class NarrowConv;

class Conv2D final : public WeightedOp {
public:
    explicit Conv2D(const Conv2DConfig& cfg);
    ~Conv2D() override;
    const char* type() const override { return "Conv2D"; }
    const Conv2DConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;

    // Inference with at most 4 output channels runs NarrowConv (see narrow_conv.hpp) where it applies.
    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;
    void weightsChanged() override;

private:
    Descs makeDescs(const Shape& in, const Shape& out, Phase phase, const dnnl::primitive_attr& attr,
                    dnnl::memory::data_type type) const override;
    dnnl::memory::desc userWeightsDesc() const override;
    Conv2DConfig cfg_;
    bool narrow_;
    std::map<Shape, std::unique_ptr<NarrowConv>> narrowPlans_;  // forward() on plain tensors
};

}  // namespace aecv::ops
