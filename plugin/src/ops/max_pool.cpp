// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/max_pool.hpp"

namespace aecv::ops {

MaxPool::MaxPool(const MaxPoolConfig& cfg) : cfg_(cfg) {
    cfg_.window.validate("MaxPool");
    if (cfg_.window.dilationH != 1 || cfg_.window.dilationW != 1)
        CV_Error(cv::Error::StsBadArg, cv::format("MaxPool dilation is (%d, %d); expected (1, 1)",
                 cfg_.window.dilationH, cfg_.window.dilationW));
    if (cfg_.window.padTop >= cfg_.window.kernelH || cfg_.window.padBottom >= cfg_.window.kernelH ||
        cfg_.window.padLeft >= cfg_.window.kernelW || cfg_.window.padRight >= cfg_.window.kernelW)
        CV_Error(cv::Error::StsOutOfRange, cv::format("MaxPool padding (%d, %d, %d, %d) must be smaller than the "
                 "kernel (%d x %d)", cfg_.window.padTop, cfg_.window.padLeft, cfg_.window.padBottom,
                 cfg_.window.padRight, cfg_.window.kernelH, cfg_.window.kernelW));
}

Shape MaxPool::outputShape(const std::vector<Shape>& inputs) const {
    CV_Assert(inputs.size() == 1);
    const Shape& in = inputs[0];
    if (in.size() != 4)
        CV_Error(cv::Error::StsUnmatchedSizes, cv::format("MaxPool input has shape %s; expected [N, C, H, W]",
                 toString(in).c_str()));
    return {in[0], in[1], cfg_.window.convOut(in[2], true, "MaxPool"), cfg_.window.convOut(in[3], false, "MaxPool")};
}

UnaryPlan& MaxPool::plan(const Shape& in, Phase phase) {
    auto it = plans_.find({in, phase});
    if (it != plans_.end()) return it->second;
    using namespace dnnl;
    const Window2d& w = cfg_.window;
    const memory::desc src = plainDesc(in), dst = plainDesc(outputShape({in}));
    const prop_kind prop = phase == Phase::Training ? prop_kind::forward_training : prop_kind::forward_inference;
    pooling_forward::primitive_desc fwd({prop, algorithm::pooling_max, src, dst, w.strides(), w.kernel(), w.padL(),
                                         w.padR()}, cpuEngine());
    pooling_backward::primitive_desc bwd;
    if (phase == Phase::Training)
        bwd = pooling_backward::primitive_desc({algorithm::pooling_max, src, dst, w.strides(), w.kernel(), w.padL(),
                                                w.padR()}, cpuEngine(), fwd);
    return plans_.try_emplace({in, phase}, fwd, bwd).first->second;
}

std::unique_ptr<ChainStep> MaxPool::chainPrepare(const std::vector<Shape>& in, const std::vector<dnnl::memory::desc>& src,
                                                 bool) {
    CV_Assert(in.size() == 1 && src.size() == 1);
    const Window2d& w = cfg_.window;
    return std::make_unique<PrimitiveStep>(
        dnnl::pooling_forward::primitive_desc({dnnl::prop_kind::forward_inference, dnnl::algorithm::pooling_max, src[0],
                                               anyDesc(outputShape(in), src[0].data_type()), w.strides(), w.kernel(),
                                               w.padL(), w.padR()},
                                              cpuEngine()),
        src[0]);
}

void MaxPool::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape in = inputShapes(inputs)[0];
    ensureTensor(output, outputShape({in}));
    plan(in, phase).forward(inputs[0], output);
}

void MaxPool::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                       std::vector<cv::Mat>& dInputs) {
    const Shape in = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    auto it = plans_.find({in, Phase::Training});
    if (it == plans_.end())
        CV_Error(cv::Error::StsError, cv::format("MaxPool backward for input %s: call forward(..., "
                 "Phase::Training) on that input first", toString(in).c_str()));
    ensureTensor(dInputs[0], in);
    it->second.backward(dOutput, dInputs[0]);  // routes through the forward's argmax workspace
}

}  // namespace aecv::ops
