// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/chain_step.hpp"

namespace aecv::ops {

void ChainStep::prepare(const dnnl::primitive_desc& pd, const Shape& in, const dnnl::memory::desc& src) {
    primitive_ = dnnl::primitive(pd);
    src_ = dnnl::memory(src, cpuEngine(), DNNL_MEMORY_NONE);
    dst_ = dnnl::memory(pd.dst_desc(0), cpuEngine());
    args_ = {{DNNL_ARG_SRC, src_}, {DNNL_ARG_DST, dst_}};
    in_ = in;
    srcDesc_ = src;
    ready_ = true;
}

dnnl::memory ChainStep::run(dnnl::stream& s, const dnnl::memory& input) {
    CV_Assert(ready_ && "prepare() first");
    src_.set_data_handle(input.get_data_handle());
    primitive_.execute(s, args_);
    return dst_;
}

}  // namespace aecv::ops
