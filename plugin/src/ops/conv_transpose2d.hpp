// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
// ConvTranspose2D (ONNX ConvTranspose):
//   x [N, C, H, W]  W [C, OC/groups, KH, KW]  b [OC]  ->  y [N, OC, OH, OW]
//   OH = (H - 1) * strideH - padTop - padBottom + (KH - 1) * dilationH + 1 + outputPaddingH
// At inference, stride-2 kernels 2k with padding k - 1 (the usual upsampling layers) run in
// sub-pixel form, as four convolutions (SubPixelDeconv); otherwise, and in training, as oneDNN's
// deconvolution, whose activation runs as a separate in-place eltwise (oneDNN 2.6's fused-post-op
// deconvolution is about 5x slower than the plain one).
#pragma once

#include <map>
#include <memory>
#include <tuple>

#include "ops/weighted_op.hpp"
#include "ops/window.hpp"

namespace aecv::ops {

class SubPixelDeconv;

struct ConvTranspose2DConfig {
    int inChannels = 0, outChannels = 0;
    Window2d window;
    int outputPaddingH = 0, outputPaddingW = 0;
    int groups = 1;
    bool bias = true;
    Activation activation;
};

class ConvTranspose2D final : public WeightedOp {
public:
    explicit ConvTranspose2D(const ConvTranspose2DConfig& cfg);
    ~ConvTranspose2D() override;
    const char* type() const override { return "ConvTranspose2D"; }
    const ConvTranspose2DConfig& config() const { return cfg_; }
    Shape outputShape(const std::vector<Shape>& inputs) const override;

    void forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) override;
    std::unique_ptr<ChainStep> chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                            bool overwrite) override;
    void weightsChanged() override;

private:
    Descs makeDescs(const Shape& in, const Shape& out, Phase phase, const dnnl::primitive_attr& attr,
                    dnnl::memory::data_type type) const override;
    dnnl::memory::desc userWeightsDesc() const override;
    bool fusesActivation() const override { return false; }
    ConvTranspose2DConfig cfg_;
    bool subPixel_;
    // forward() on plain tensors, per (input, type)
    std::map<std::pair<Shape, dnnl::memory::data_type>, std::unique_ptr<SubPixelDeconv>> subPixelPlans_;
};

}  // namespace aecv::ops
