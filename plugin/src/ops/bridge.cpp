// aecv: autoencoders for OpenCV.
// Copyright (c) 2026 the aecv developers.
// SPDX-License-Identifier: Apache-2.0
#include "ops/bridge.hpp"

namespace aecv::ops {

dnnl::reorder makeReorder(const dnnl::memory::desc& from, const dnnl::memory::desc& to, float scale) {
    dnnl::primitive_attr attr;
    if (scale != 1.f) attr.set_output_scales(0, {scale});
    return dnnl::reorder(dnnl::reorder::primitive_desc(cpuEngine(), from, cpuEngine(), to, attr));
}

Bridge Bridge::toLayout(const dnnl::memory& from, const dnnl::memory::desc& want) {
    Bridge b;
    if (from.get_desc() == want) {
        b.inner_ = from;
        return b;
    }
    b.inner_ = dnnl::memory(want, cpuEngine());
    b.src_ = from;
    b.dst_ = b.inner_;
    b.reorder_ = makeReorder(b.src_.get_desc(), b.dst_.get_desc());
    return b;
}

Bridge Bridge::fromLayout(const dnnl::memory::desc& have, const dnnl::memory& to) {
    Bridge b;
    if (to.get_desc() == have) {
        b.inner_ = to;
        return b;
    }
    b.inner_ = dnnl::memory(have, cpuEngine());
    b.src_ = b.inner_;
    b.dst_ = to;
    b.reorder_ = makeReorder(b.src_.get_desc(), b.dst_.get_desc());
    return b;
}

void Bridge::run(dnnl::stream& s) {
    if (reorder_) reorder_->execute(s, src_, dst_);
}

}  // namespace aecv::ops
