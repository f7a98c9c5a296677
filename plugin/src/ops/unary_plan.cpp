// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/unary_plan.hpp"

namespace aecv::ops {

UnaryPlan::UnaryPlan(const dnnl::primitive_desc& forward, const dnnl::primitive_desc& backward) {
    dnnl::engine& eng = cpuEngine();
    fwd_ = dnnl::primitive(forward);
    src_ = dnnl::memory(forward.src_desc(0), eng, DNNL_MEMORY_NONE);
    dst_ = dnnl::memory(forward.dst_desc(0), eng, DNNL_MEMORY_NONE);
    fwdArgs_ = {{DNNL_ARG_SRC, src_}, {DNNL_ARG_DST, dst_}};
    if (!backward) return;
    bwd_ = dnnl::primitive(backward);
    dDst_ = dnnl::memory(backward.diff_dst_desc(0), eng, DNNL_MEMORY_NONE);
    dSrc_ = dnnl::memory(backward.diff_src_desc(0), eng, DNNL_MEMORY_NONE);
    bwdArgs_ = {{DNNL_ARG_DIFF_DST, dDst_}, {DNNL_ARG_DIFF_SRC, dSrc_}};
    const dnnl::memory::desc ws = forward.workspace_desc();
    if (ws.get_size() != 0) {
        workspace_ = dnnl::memory(ws, eng);
        fwdArgs_[DNNL_ARG_WORKSPACE] = workspace_;
        bwdArgs_[DNNL_ARG_WORKSPACE] = workspace_;
    }
}

void UnaryPlan::forward(const cv::Mat& x, cv::Mat& y) {
    src_.set_data_handle(x.data);
    dst_.set_data_handle(y.data);
    fwd_.execute(cpuStream(), fwdArgs_);
    cpuStream().wait();
}

void UnaryPlan::backward(const cv::Mat& dy, cv::Mat& dx) {
    CV_Assert(bwd_ && "a training plan has a backward");
    dDst_.set_data_handle(dy.data);
    dSrc_.set_data_handle(dx.data);
    bwd_.execute(cpuStream(), bwdArgs_);
    cpuStream().wait();
}

UnaryPlan& UnaryPrimitiveOp::plan(const Shape& in, Phase phase) {
    auto it = plans_.find({in, phase});
    if (it != plans_.end()) return it->second;
    const dnnl::memory::desc src = plainDesc(in), dst = plainDesc(outputShape({in}));
    const bool training = phase == Phase::Training;
    const dnnl::primitive_desc fwd = forwardDesc(
        training ? dnnl::prop_kind::forward_training : dnnl::prop_kind::forward_inference, src, dst);
    const dnnl::primitive_desc bwd = training ? backwardDesc(src, dst, fwd) : dnnl::primitive_desc();
    return plans_.try_emplace({in, phase}, fwd, bwd).first->second;
}

void UnaryPrimitiveOp::forward(const std::vector<cv::Mat>& inputs, cv::Mat& output, Phase phase) {
    const Shape in = inputShapes(inputs)[0];
    ensureTensor(output, outputShape({in}));
    plan(in, phase).forward(inputs[0], output);
}

void UnaryPrimitiveOp::backward(const std::vector<cv::Mat>& inputs, const cv::Mat& output, const cv::Mat& dOutput,
                                std::vector<cv::Mat>& dInputs) {
    const Shape in = inputShapes(inputs)[0];
    requireGradShape(dOutput, output);
    if (dInputs.empty()) return;
    if (backwardNeedsForward() && !plans_.count({in, Phase::Training}))
        CV_Error(cv::Error::StsError, cv::format("%s backward for input %s: call forward(..., Phase::Training) on "
                 "that input first", type(), toString(in).c_str()));
    ensureTensor(dInputs[0], in);
    plan(in, Phase::Training).backward(dOutput, dInputs[0]);
}

std::unique_ptr<ChainStep> UnaryPrimitiveOp::chainPrepare(const std::vector<Shape>& in,
                                                          const std::vector<dnnl::memory::desc>& src, bool) {
    CV_Assert(in.size() == 1 && src.size() == 1);
    return std::make_unique<PrimitiveStep>(
        forwardDesc(dnnl::prop_kind::forward_inference, src[0], anyDesc(outputShape(in), src[0].data_type())), src[0]);
}

}  // namespace aecv::ops
