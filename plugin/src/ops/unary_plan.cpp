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

}  // namespace aecv::ops
