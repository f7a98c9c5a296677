// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/chain_step.hpp"

namespace aecv::ops {

PrimitiveStep::PrimitiveStep(const dnnl::primitive_desc& pd, const dnnl::memory::desc& src)
    : primitive_(pd),
      src_(src, cpuEngine(), DNNL_MEMORY_NONE),
      dst_(pd.dst_desc(0), cpuEngine()),
      args_{{DNNL_ARG_SRC, src_}, {DNNL_ARG_DST, dst_}} {}

dnnl::memory PrimitiveStep::run(dnnl::stream& s, const dnnl::memory& a, const dnnl::memory&) {
    src_.set_data_handle(a.get_data_handle());
    primitive_.execute(s, args_);
    return dst_;
}

}  // namespace aecv::ops
