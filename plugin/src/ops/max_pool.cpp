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

dnnl::primitive_desc MaxPool::forwardDesc(dnnl::prop_kind prop, const dnnl::memory::desc& src,
                                          const dnnl::memory::desc& dst) const {
    const Window2d& w = cfg_.window;
    return dnnl::pooling_forward::primitive_desc(
        {prop, dnnl::algorithm::pooling_max, src, dst, w.strides(), w.kernel(), w.padL(), w.padR()}, cpuEngine());
}

dnnl::primitive_desc MaxPool::backwardDesc(const dnnl::memory::desc& src, const dnnl::memory::desc& dst,
                                           const dnnl::primitive_desc& forward) const {
    const Window2d& w = cfg_.window;
    return dnnl::pooling_backward::primitive_desc(
        {dnnl::algorithm::pooling_max, src, dst, w.strides(), w.kernel(), w.padL(), w.padR()}, cpuEngine(),
        dnnl::pooling_forward::primitive_desc(forward.get()));
}

}  // namespace aecv::ops
