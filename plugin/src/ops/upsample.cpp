// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/upsample.hpp"

namespace aecv::ops {

Upsample::Upsample(const UpsampleConfig& cfg) : cfg_(cfg) {
    if (cfg.scaleH < 1 || cfg.scaleW < 1)
        CV_Error(cv::Error::StsOutOfRange, cv::format("Upsample scale is (%d, %d); expected >= 1 each",
                 cfg.scaleH, cfg.scaleW));
}

Shape Upsample::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    const Shape& in = inputs[0];
    if (in.size() != 4)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("Upsample input has shape %s; expected [N, C, H, W]",
                 toString(in).c_str()));
    return {in[0], in[1], checkedDim(int64_t{in[2]} * cfg_.scaleH, "Upsample", "output height"),
            checkedDim(int64_t{in[3]} * cfg_.scaleW, "Upsample", "output width")};
}

namespace {

dnnl::algorithm algorithmOf(UpsampleMode mode) {
    return mode == UpsampleMode::Nearest ? dnnl::algorithm::resampling_nearest : dnnl::algorithm::resampling_linear;
}

}  // namespace

std::unique_ptr<ChainStep> Upsample::chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                                  bool) {
    CV_Assert(in.size() == 1 && src.size() == 1);
    return std::make_unique<PrimitiveStep>(
        dnnl::resampling_forward::primitive_desc({dnnl::prop_kind::forward_inference, algorithmOf(cfg_.mode), src[0],
                                                  anyDesc(outputShape(in), src[0].data_type())},
                                                 cpuEngine()),
        src[0]);
}

UnaryPlan& Upsample::plan(const Shape& in, Phase phase) {
    auto it = plans_.find({in, phase});
    if (it != plans_.end()) return it->second;
    using namespace dnnl;
    const memory::desc src = plainDesc(in), dst = plainDesc(outputShape({in}));
    const algorithm alg = algorithmOf(cfg_.mode);
    const prop_kind prop = phase == Phase::Training ? prop_kind::forward_training : prop_kind::forward_inference;
    resampling_forward::primitive_desc fwd({prop, alg, src, dst}, cpuEngine());
    resampling_backward::primitive_desc bwd;
    if (phase == Phase::Training) bwd = resampling_backward::primitive_desc({alg, src, dst}, cpuEngine(), fwd);
    return plans_.try_emplace({in, phase}, fwd, bwd).first->second;
}

void Upsample::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape in = inputShapes(inputs)[0];
    ensureTensor(output, outputShape({in}));
    plan(in, phase).forward(inputs[0], output);
}

void Upsample::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                        std::vector<cv::Mat>& dInputs) {
    const Shape in = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    ensureTensor(dInputs[0], in);
    plan(in, Phase::Training).backward(dOutput, dInputs[0]);  // needs no state from the forward
}

}  // namespace aecv::ops
