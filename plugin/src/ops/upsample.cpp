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

dnnl::primitive_desc Upsample::forwardDesc(dnnl::prop_kind prop, const dnnl::memory::desc& src,
                                           const dnnl::memory::desc& dst) const {
    return dnnl::resampling_forward::primitive_desc({prop, algorithmOf(cfg_.mode), src, dst}, cpuEngine());
}

dnnl::primitive_desc Upsample::backwardDesc(const dnnl::memory::desc& src, const dnnl::memory::desc& dst,
                                            const dnnl::primitive_desc& forward) const {
    return dnnl::resampling_backward::primitive_desc({algorithmOf(cfg_.mode), src, dst}, cpuEngine(),
                                                     dnnl::resampling_forward::primitive_desc(forward.get()));
}

}  // namespace aecv::ops
